// 新建 / 编辑推送规则: name, message (title and body with {variables}, a mini-program page, the WeChat
// template), the trigger (定时 cron, 事件触发, 手动), dedupe key, urgency and end date, and the audience built
// from rows or typed as JSON. 预览受众 counts who matches now; on a saved rule, 试运行 shows what a run would
// do, writing nothing. The server's 422 errors are listed beside 保存 and put on their fields and rows.
import { ArrowLeftOutlined, ExperimentOutlined, PauseCircleOutlined, PlayCircleOutlined, SaveOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, Radio, Result, Row, Select, Space, Spin, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage, type FieldError } from '../../api/client';
import {
  createRule,
  dryRunRule,
  getNoticeFacts,
  getRule,
  updateRule,
  URGENCIES,
  type DryRun,
  type Fact,
  type NoticeFacts,
  type Rule,
  type RuleInput,
  type Trigger,
  type Urgency,
} from '../../api/notices';
import { useLoad } from '../../api/use-load';
import { canUseNotices } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { useIdempotencyKey } from '../../ui/idempotency';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { positiveInt } from '../residence/list-params';
import { AudienceBuilder } from './audience-builder';
import { rowIndexOfField } from './audience';
import {
  COMMON_VARIABLES,
  CRON_EXAMPLES,
  cronInWords,
  looksLikeCron,
  NOTICES_WHO,
  OUTCOME_LABELS,
  reasonLabel,
  variableMeaning,
  variableToken,
} from './labels';
import { RuleStatusTag, UrgencyTag } from './notice-tags';
import { SettingsNote } from './settings-note';
import { useAudience } from './use-audience';
import { canActivate, canPause, canRun, useRuleCommands } from './use-rule-commands';
import './notices.css';

const EMPTY_FACTS: Fact[] = [];
const LINK_PATTERN = /^\/\S*$/;

type TriggerKind = Trigger['kind'];

interface Values {
  name: string;
  title: string;
  body: string;
  link?: string;
  templateKey?: string;
  triggerKind: TriggerKind;
  cron?: string;
  event?: string;
  dedupeKey: string;
  urgency: Urgency;
  endsOn?: string;
}

const NEW_RULE: Partial<Values> = { triggerKind: 'manual', urgency: 'normal' };

/** The server's field names (RuleInput) → this form's fields. */
const FORM_FIELDS: Record<string, keyof Values> = {
  name: 'name',
  title: 'title',
  body: 'body',
  link: 'link',
  templateKey: 'templateKey',
  trigger: 'triggerKind',
  'trigger.kind': 'triggerKind',
  'trigger.cron': 'cron',
  'trigger.event': 'event',
  dedupeKey: 'dedupeKey',
  urgency: 'urgency',
  endsOn: 'endsOn',
};

const FIELD_LABELS: Record<string, string> = {
  name: '规则名称',
  title: '标题',
  body: '正文',
  link: '跳转页面',
  templateKey: '微信订阅消息模板',
  trigger: '触发方式',
  'trigger.kind': '触发方式',
  'trigger.cron': '定时规则（cron）',
  'trigger.event': '触发事件',
  dedupeKey: '去重键',
  urgency: '紧急程度',
  endsOn: '截止日期',
  audience: '受众条件',
};

function fieldLabel(field: string, rowIndex: number | null): string {
  if (rowIndex !== null) return `受众条件 ${rowIndex + 1}`;
  if (field.startsWith('audience')) return '受众条件';
  return FIELD_LABELS[field] ?? field;
}

function toValues(rule: Rule): Values {
  const t = rule.trigger;
  return {
    name: rule.name,
    title: rule.title,
    body: rule.body,
    link: rule.link ?? '',
    templateKey: rule.templateKey,
    triggerKind: t?.kind ?? 'manual',
    cron: t?.kind === 'cron' ? t.cron : undefined,
    event: t?.kind === 'event' ? t.event : undefined,
    dedupeKey: rule.dedupeKey,
    urgency: rule.urgency ?? 'normal',
    endsOn: rule.endsOn ?? '',
  };
}

function toTrigger(v: Values): Trigger {
  if (v.triggerKind === 'cron') return { kind: 'cron', cron: (v.cron ?? '').trim().replace(/\s+/g, ' ') };
  if (v.triggerKind === 'event') return { kind: 'event', event: v.event ?? '' };
  return { kind: 'manual' };
}

export function RuleEditorPage() {
  const user = useSession()!.user;
  const { id } = useParams();
  if (!canUseNotices(user.role)) return <NoAccess title={id ? '编辑推送规则' : '新建推送规则'} who={NOTICES_WHO} />;
  const ruleId = id === undefined ? undefined : positiveInt(id) ?? -1;
  // Keyed by the rule, so a new rule's page and a saved rule's page never share state.
  return <RuleEditor key={id ?? 'new'} ruleId={ruleId} />;
}

function BackLink() {
  return (
    <Link to="/notices/rules">
      <ArrowLeftOutlined aria-hidden /> 返回推送规则列表
    </Link>
  );
}

function RuleEditor({ ruleId }: { ruleId: number | undefined }) {
  const facts = useLoad((signal) => getNoticeFacts(signal), []);
  const rule = useLoad(
    (signal) => (ruleId === undefined ? Promise.resolve(null) : ruleId < 0 ? Promise.reject(notFound()) : getRule(ruleId, signal)),
    [ruleId],
  );

  if (ruleId !== undefined && !rule.data) {
    const title = '编辑推送规则';
    if (rule.loading) {
      return (
        <>
          <PageHeading title={title} extra={<BackLink />} />
          <Spin description="正在加载规则…" size="large">
            <div style={{ minHeight: 160 }} />
          </Spin>
        </>
      );
    }
    const missing = rule.error instanceof ApiError && rule.error.status === 404;
    return (
      <>
        <PageHeading title={title} extra={<BackLink />} />
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? '没有找到该规则' : '规则加载失败'}
          subTitle={missing ? '该规则可能已被删除，或编号有误。' : errorMessage(rule.error)}
          extra={missing ? null : <Button onClick={rule.reload}>重试</Button>}
        />
      </>
    );
  }

  return (
    <RuleForm
      saved={rule.data ?? null}
      onSaved={(next) => rule.replace(next)}
      reload={rule.reload}
      facts={facts.data}
      factsLoading={facts.loading}
      factsError={facts.error}
      reloadFacts={facts.reload}
    />
  );
}

function notFound(): ApiError {
  return new ApiError({ type: 'not-found', title: '未找到', status: 404 });
}

function RuleForm(props: {
  saved: Rule | null;
  onSaved: (rule: Rule) => void;
  reload: () => void;
  facts: NoticeFacts | undefined;
  factsLoading: boolean;
  factsError: unknown;
  reloadFacts: () => void;
}) {
  const { saved, facts } = props;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const audience = useAudience(facts?.facts ?? EMPTY_FACTS);
  const idempotency = useIdempotencyKey();
  const [saving, setSaving] = useState(false);
  const [formChanged, setFormChanged] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  const audienceRef = useRef<HTMLElement>(null);

  const triggerKind = Form.useWatch('triggerKind', form) ?? saved?.trigger?.kind ?? NEW_RULE.triggerKind;
  const cron = Form.useWatch('cron', form);
  const event = Form.useWatch('event', form);
  const urgency = Form.useWatch('urgency', form);
  const templateKey = Form.useWatch('templateKey', form);

  // The saved rule is what the form and the rows show: on its first load and after 保存, not after 启用 or
  // 暂停, which answer the rule too but must not throw away edits in progress.
  const { load } = audience;
  const show = useCallback(
    (rule: Rule) => {
      form.setFieldsValue(toValues(rule));
      load(rule.audience);
      setFormChanged(false);
    },
    [form, load],
  );
  const shownId = useRef<number | null>(null);
  useEffect(() => {
    if (!saved || shownId.current === saved.id) return;
    shownId.current = saved.id;
    show(saved);
  }, [saved, show]);

  // A new rule starts on the first template, which is usually the only one that fits.
  const templates = facts?.templates;
  useEffect(() => {
    if (saved || !templates?.length || form.getFieldValue('templateKey')) return;
    form.setFieldValue('templateKey', templates[0].key);
  }, [saved, templates, form]);

  const selectedEvent = facts?.events.find((e) => e.event === event);
  const variables = useMemo(() => {
    const common = facts?.variables?.length ? facts.variables : COMMON_VARIABLES;
    const own = triggerKind === 'event' && selectedEvent ? selectedEvent.variables ?? [] : [];
    const seen = new Set<string>();
    return [...common, ...own]
      .map((v) => ({ token: variableToken(v), meaning: variableMeaning(v) }))
      .filter((v) => v.token && !seen.has(v.token) && seen.add(v.token));
  }, [facts?.variables, triggerKind, selectedEvent]);

  const template = facts?.templates.find((t) => t.key === templateKey);
  const templateFields = Array.isArray(template?.fields)
    ? (template.fields as unknown[])
        .map((f) => (typeof f === 'string' ? f : f && typeof f === 'object' ? String((f as Record<string, unknown>).name ?? (f as Record<string, unknown>).key ?? '') : ''))
        .filter(Boolean)
    : [];

  const commands = useRuleCommands({
    onChanged: props.onSaved,
    onRan: () => props.reload(),
    onStale: props.reload,
  });

  function showErrors(error: unknown) {
    if (error instanceof ApiError && error.errors.length > 0) {
      const onForm = error.errors.filter((e) => FORM_FIELDS[e.field]);
      const byField = new Map<keyof Values, string[]>();
      for (const e of onForm) byField.set(FORM_FIELDS[e.field], [...(byField.get(FORM_FIELDS[e.field]) ?? []), e.message]);
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      audience.showServerErrors(error.errors);
      setServerErrors(error.errors);
      setProblem(error.detail || error.title);
    } else {
      setServerErrors([]);
      setProblem(errorMessage(error));
    }
    // The list beside 保存 says everything at once; it is an alert, and focus goes to it.
    requestAnimationFrame(() => errorsRef.current?.focus());
  }

  async function submit(values: Values) {
    setServerErrors([]);
    setProblem(null);
    const predicate = audience.resolve();
    if (!predicate) {
      setProblem('受众条件未填写完整，请检查标出的条件');
      requestAnimationFrame(() => audienceRef.current?.scrollIntoView({ block: 'start' }));
      return;
    }
    const body: RuleInput = {
      name: values.name.trim(),
      audience: predicate,
      title: values.title.trim(),
      body: values.body.trim(),
      link: values.link?.trim() || null,
      templateKey: values.templateKey ?? '',
      trigger: toTrigger(values),
      dedupeKey: values.dedupeKey.trim(),
      urgency: values.urgency,
      endsOn: values.endsOn || null,
    };
    setSaving(true);
    try {
      if (saved) {
        const next = await updateRule(saved.id, body);
        message.success(`已保存「${next.name}」`);
        props.onSaved(next);
        show(next);
      } else {
        const created = await createRule(body, idempotency.keyFor(body));
        idempotency.reset();
        message.success(`已创建「${created.name}」（草稿），启用后才会执行`);
        navigate(`/notices/rules/${created.id}`, { replace: true });
      }
    } catch (error) {
      showErrors(error);
    } finally {
      setSaving(false);
    }
  }

  const title = saved ? `推送规则「${saved.name}」` : '新建推送规则';
  const unsaved = !!saved && (formChanged || audience.changed);
  const variableList = (
    <ul className="variable-list" aria-label="可用变量">
      {variables.map((v) => (
        <li key={v.token}>
          <code>{v.token}</code>
          {v.meaning ? `（${v.meaning}）` : ''}
        </li>
      ))}
    </ul>
  );
  const cronWords = cronInWords(cron);

  return (
    <>
      <PageHeading title={title} extra={<BackLink />} />
      {saved ? (
        <div className="event-status-line">
          <span>状态：</span>
          <RuleStatusTag status={saved.status} />
          <UrgencyTag urgency={saved.urgency} />
          <span className="muted">最近执行：{formatDateTime(saved.lastFiredAt, '尚未执行')}</span>
          {saved.nextRunAt ? <span className="muted">下次执行：{formatDateTime(saved.nextRunAt, '—')}</span> : null}
          {canActivate(saved) || canPause(saved) ? (
            <Button
              icon={canPause(saved) ? <PauseCircleOutlined aria-hidden /> : <PlayCircleOutlined aria-hidden />}
              loading={commands.busy === saved.id}
              onClick={() => commands.toggle(saved)}
            >
              {canPause(saved) ? '暂停' : '启用'}
            </Button>
          ) : null}
          {canRun(saved) ? (
            <Button icon={<ThunderboltOutlined aria-hidden />} onClick={() => commands.run(saved)}>
              立即执行
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="page-intro">新建的规则为草稿，保存后可试运行，启用后才会按触发方式执行。</p>
      )}
      <SettingsNote settings={facts?.settings} />
      {props.factsError ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={`条件项、事件和模板加载失败：${errorMessage(props.factsError)}`}
          action={<Button size="small" onClick={props.reloadFacts}>重试</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        name="rule"
        layout="vertical"
        className="rule-form"
        initialValues={saved ? toValues(saved) : NEW_RULE}
        onFinish={submit}
        onFinishFailed={() => {
          // Show the rows' problems too, so that one press of 保存 tells everything.
          audience.resolve();
        }}
        onValuesChange={() => setFormChanged(true)}
      >
        <section className="rule-section" aria-labelledby="rule-basics-title">
          <h2 id="rule-basics-title" className="section-title">
            基本信息
          </h2>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item
                label="规则名称"
                name="name"
                htmlFor="rule-name"
                rules={[{ required: true, whitespace: true, message: '请输入规则名称' }]}
              >
                <Input id="rule-name" autoComplete="off" maxLength={100} placeholder="如 年满 60 周岁办理敬老卡提醒" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label="截止日期（可选）" name="endsOn" htmlFor="rule-ends-on" extra="过了这一天规则自动结束；不填则长期有效。">
                <Input id="rule-ends-on" type="date" style={{ width: 200 }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="紧急程度" name="urgency" htmlFor="rule-urgency" rules={[{ required: true, message: '请选择紧急程度' }]}>
            <Radio.Group
              id="rule-urgency"
              aria-label="紧急程度"
              options={URGENCIES.map((u) => ({ ...u, id: `rule-urgency-${u.value}` }))}
            />
          </Form.Item>
          {urgency === 'urgent' ? (
            <Alert
              type="warning"
              showIcon
              title="紧急通知不受每日、每周频次上限和免打扰时段限制，会立即发送，发送记录中会注明。仅用于台风、安全预警等必须立即告知的情况。"
              style={{ marginBottom: 24 }}
            />
          ) : null}
        </section>

        <section className="rule-section" aria-labelledby="rule-message-title">
          <h2 id="rule-message-title" className="section-title">
            消息内容
          </h2>
          <Form.Item
            label="标题"
            name="title"
            htmlFor="rule-title"
            extra="不超过 32 个字，可使用与正文相同的变量。"
            rules={[
              { required: true, whitespace: true, message: '请输入标题' },
              { max: 32, message: '标题不能超过 32 个字' },
            ]}
          >
            <Input id="rule-title" autoComplete="off" maxLength={32} showCount />
          </Form.Item>
          <Form.Item
            label="正文"
            name="body"
            htmlFor="rule-body"
            extra={
              <>
                不超过 200 个字。可使用的变量（发送时替换为每个人自己的信息）：{variableList}
                {triggerKind === 'event' && !selectedEvent ? '；选择触发事件后还可使用该事件的变量' : ''}。
              </>
            }
            rules={[
              { required: true, whitespace: true, message: '请输入正文' },
              { max: 200, message: '正文不能超过 200 个字' },
            ]}
          >
            <Input.TextArea id="rule-body" rows={4} maxLength={200} showCount placeholder="如 您将于 {date} 年满 {age} 周岁，可到社区服务中心办理敬老卡。" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label="微信订阅消息模板"
                name="templateKey"
                htmlFor="rule-template"
                extra={templateFields.length ? `模板字段：${templateFields.join('、')}` : '已订阅的居民会同时收到此模板的微信消息。'}
                rules={[{ required: true, message: '请选择模板' }]}
              >
                <Select
                  id="rule-template"
                  placeholder="请选择"
                  loading={props.factsLoading}
                  options={(facts?.templates ?? []).map((t) => ({ value: t.key, label: t.title }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="跳转页面（可选）"
                name="link"
                htmlFor="rule-link"
                extra="居民点开消息后进入的小程序页面路径，如 /packages/fees/pages/index/index"
                rules={[{ pattern: LINK_PATTERN, message: '页面路径以 / 开头，且不含空格' }]}
              >
                <Input id="rule-link" autoComplete="off" maxLength={200} placeholder="/packages/…" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="去重键"
            name="dedupeKey"
            htmlFor="rule-dedupe"
            extra="同一个人不会收到两条去重键相同的通知。可使用变量，如 old-age-card-{year} 表示每人每年最多一次。"
            rules={[
              { required: true, whitespace: true, message: '请输入去重键' },
              { max: 64, message: '去重键不能超过 64 个字符' },
            ]}
          >
            <Input id="rule-dedupe" autoComplete="off" maxLength={64} placeholder="old-age-card-{year}" />
          </Form.Item>
        </section>

        <section className="rule-section" aria-labelledby="rule-trigger-title">
          <h2 id="rule-trigger-title" className="section-title">
            触发方式
          </h2>
          <Form.Item label="触发方式" name="triggerKind" htmlFor="rule-trigger-kind" rules={[{ required: true, message: '请选择触发方式' }]}>
            <Radio.Group
              id="rule-trigger-kind"
              aria-label="触发方式"
              options={[
                { value: 'cron', label: '定时', id: 'rule-trigger-kind-cron' },
                { value: 'event', label: '事件触发', id: 'rule-trigger-kind-event' },
                { value: 'manual', label: '手动', id: 'rule-trigger-kind-manual' },
              ]}
            />
          </Form.Item>
          {triggerKind === 'cron' ? (
            <Form.Item
              label="定时规则（cron 表达式，北京时间）"
              name="cron"
              htmlFor="rule-cron"
              rules={[
                { required: true, whitespace: true, message: '请输入 cron 表达式' },
                {
                  validator: (_, value: string | undefined) =>
                    !value || looksLikeCron(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error('cron 表达式应为 5 段：分 时 日 月 周，以空格分隔')),
                },
              ]}
              extra={
                <>
                  {cronWords ? <span>即：{cronWords}。</span> : null}
                  格式为「分 时 日 月 周」，例如：
                  <ul className="cron-examples">
                    {CRON_EXAMPLES.map((ex) => (
                      <li key={ex.cron}>
                        <code>{ex.cron}</code> {ex.label}{' '}
                        <Button
                          type="link"
                          size="small"
                          onClick={() => {
                            form.setFieldValue('cron', ex.cron);
                            setFormChanged(true);
                          }}
                        >
                          使用<span className="sr-only">「{ex.label}」</span>
                        </Button>
                      </li>
                    ))}
                  </ul>
                </>
              }
            >
              <Input id="rule-cron" autoComplete="off" spellCheck={false} placeholder="0 9 * * *" style={{ maxWidth: 280 }} />
            </Form.Item>
          ) : null}
          {triggerKind === 'event' ? (
            <Form.Item
              label="触发事件"
              name="event"
              htmlFor="rule-event"
              rules={[{ required: true, message: '请选择触发事件' }]}
              extra="事件发生时，向事件涉及的、同时符合受众条件的人发送。"
            >
              <Select
                id="rule-event"
                placeholder="请选择"
                loading={props.factsLoading}
                options={(facts?.events ?? []).map((e) => ({ value: e.event, label: e.name }))}
                style={{ maxWidth: 320 }}
              />
            </Form.Item>
          ) : null}
          {triggerKind === 'manual' ? <p className="muted">只在有人点击「立即执行」时发送。</p> : null}
        </section>

        <section className="rule-section" aria-labelledby="rule-audience-title" ref={audienceRef}>
          <h2 id="rule-audience-title" className="section-title">
            受众
          </h2>
          <p className="muted">按条件选出接收通知的居民；勾选「排除」表示不满足该条件的人。</p>
          <AudienceBuilder audience={audience} facts={facts?.facts ?? EMPTY_FACTS} factsLoading={props.factsLoading} />
        </section>

        <div ref={errorsRef} tabIndex={-1} className="rule-errors-anchor">
          {problem || serverErrors.length > 0 ? (
            <Alert
              id="rule-errors"
              type="error"
              showIcon
              role="alert"
              title={problem ?? '保存失败'}
              description={
                serverErrors.length > 0 ? (
                  <ul className="help-list">
                    {serverErrors.map((e, i) => (
                      <li key={`${e.field}-${i}`}>
                        {fieldLabel(e.field, rowIndexOfField(e.field, audience.audience.combinator))}（<code>{e.field}</code>）：{e.message}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
              style={{ marginBottom: 16 }}
            />
          ) : null}
        </div>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={saving}>
            保存
          </Button>
          <Button onClick={() => navigate('/notices/rules')}>取消</Button>
          {unsaved ? <span className="muted">有未保存的修改</span> : null}
        </Space>
      </Form>

      {saved ? <DryRunSection rule={saved} unsaved={unsaved} /> : null}
    </>
  );
}

const sampleColumns: TableColumnsType<DryRun['sample'][number]> = [
  { title: '接收人（已脱敏）', dataIndex: 'person', key: 'person', className: 'nowrap' },
  { title: '标题', dataIndex: 'title', key: 'title' },
  { title: '正文', dataIndex: 'body', key: 'body', render: (body: string) => <span className="pre-wrap">{body}</span> },
  { title: '预计送达', dataIndex: 'deliverAt', key: 'deliverAt', className: 'nowrap', render: (at: string | null) => formatDateTime(at) },
  { title: '结果', dataIndex: 'outcome', key: 'outcome', className: 'nowrap', render: (o: keyof typeof OUTCOME_LABELS) => OUTCOME_LABELS[o] ?? o },
  { title: '原因', dataIndex: 'reason', key: 'reason', render: (r: string | null) => reasonLabel(r) },
];

function DryRunSection({ rule, unsaved }: { rule: Rule; unsaved: boolean }) {
  const [result, setResult] = useState<DryRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function dryRun() {
    setRunning(true);
    setError(null);
    try {
      setResult(await dryRunRule(rule.id));
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  }

  const o = result?.outcomes;
  return (
    <section className="rule-section" aria-labelledby="rule-dry-run-title" style={{ marginTop: 32 }}>
      <h2 id="rule-dry-run-title" className="section-title">
        试运行
      </h2>
      <p className="muted">
        按已保存的规则计算现在执行会发生什么：多少人符合条件、哪些会立即发送、哪些因免打扰或频次上限顺延、哪些已收到过。不会发送任何通知。
        {unsaved ? '当前有未保存的修改，试运行不包括这些修改。' : ''}
      </p>
      <Button icon={<ExperimentOutlined aria-hidden />} onClick={dryRun} loading={running}>
        试运行
      </Button>
      <div id="dry-run-result" className="dry-run-result">
        <p role="status" className="audience-preview-count">
          {result && o
            ? `共 ${result.count} 人符合条件：${OUTCOME_LABELS.send} ${o.send ?? 0} 人，${OUTCOME_LABELS.hold} ${o.hold ?? 0} 人，${OUTCOME_LABELS.cap} ${o.cap ?? 0} 人，${OUTCOME_LABELS.dedupe} ${o.dedupe ?? 0} 人。`
            : error ?? ''}
        </p>
        {result ? (
          <Table
            aria-label="试运行示例"
            rowKey="key"
            columns={sampleColumns}
            // Masked names may repeat, so rows are keyed by their place.
            dataSource={result.sample.map((s, i) => ({ ...s, key: i }))}
            size="small"
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: '没有符合条件的人员' }}
          />
        ) : null}
      </div>
    </section>
  );
}
