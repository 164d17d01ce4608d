// 推送规则 (supervisor, admin): every rule with its trigger in words, status, urgency and what it has sent
// so far. 新建规则 and 编辑 open the editor; 启用 / 暂停 and 立即执行 (active rules, after a confirmation)
// act here, their answers replacing the row; 查看执行记录 opens the runs in a drawer.
import { EditOutlined, HistoryOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { getNoticeFacts, listRules, type Rule } from '../../api/notices';
import { useLoad } from '../../api/use-load';
import { canUseNotices } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { NOTICES_WHO, triggerInWords } from './labels';
import { RuleStatusTag, UrgencyTag } from './notice-tags';
import { RuleRunsDrawer } from './rule-runs-drawer';
import { canActivate, canPause, canRun, useRuleCommands } from './use-rule-commands';
import { SettingsNote } from './settings-note';
import './notices.css';

const TITLE = '推送规则';
const count = new Intl.NumberFormat('zh-CN');

export function RulesPage() {
  const user = useSession()!.user;
  if (!canUseNotices(user.role)) return <NoAccess title={TITLE} who={NOTICES_WHO} />;
  return <RuleList />;
}

function RuleList() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rules = useLoad((signal) => listRules(signal), []);
  // The names of events and the caps are for the wording only; the list works without them.
  const facts = useLoad((signal) => getNoticeFacts(signal), []);
  const [runsOf, setRunsOf] = useState<Rule | null>(null);
  const [runsOpen, setRunsOpen] = useState(false);

  useEffect(() => {
    if (rules.error) message.error(errorMessage(rules.error));
  }, [rules.error, message]);

  const commands = useRuleCommands({
    onChanged: (next) => {
      const data = rules.data;
      if (data) rules.replace({ items: data.items.map((r) => (r.id === next.id ? next : r)) });
    },
    // A run changes the counts of the row; ask again for them.
    onRan: () => rules.reload(),
    onStale: () => rules.reload(),
  });

  const stat = (key: keyof Rule['stats'], title: string) => ({
    title,
    key: `stats-${key}`,
    align: 'right' as const,
    width: 84,
    render: (_: unknown, r: Rule) => <span className="count">{count.format(r.stats?.[key] ?? 0)}</span>,
  });

  const columns: TableColumnsType<Rule> = [
    {
      title: '规则名称',
      key: 'name',
      fixed: 'left',
      width: 200,
      render: (_, r) => <Link to={`/notices/rules/${r.id}`}>{r.name}</Link>,
    },
    { title: '触发方式', key: 'trigger', width: 190, render: (_, r) => triggerInWords(r.trigger, facts.data?.events) },
    { title: '状态', key: 'status', width: 90, render: (_, r) => <RuleStatusTag status={r.status} /> },
    { title: '紧急程度', key: 'urgency', width: 90, render: (_, r) => <UrgencyTag urgency={r.urgency} /> },
    stat('sent', '已送达'),
    stat('held', '免打扰顺延'),
    stat('capped', '超频顺延'),
    stat('failed', '发送失败'),
    stat('read', '已阅读'),
    {
      title: '最近执行',
      dataIndex: 'lastFiredAt',
      key: 'lastFiredAt',
      className: 'nowrap',
      width: 140,
      render: (at: string | null) => formatDateTime(at, '尚未执行'),
    },
    { title: '截止日期', dataIndex: 'endsOn', key: 'endsOn', className: 'nowrap', width: 110, render: (d: string | null) => d || '长期' },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 300,
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/notices/rules/${r.id}`)}>
            编辑<span className="sr-only">「{r.name}」</span>
          </Button>
          {canActivate(r) || canPause(r) ? (
            <Button
              type="link"
              size="small"
              icon={canPause(r) ? <PauseCircleOutlined aria-hidden /> : <PlayCircleOutlined aria-hidden />}
              loading={commands.busy === r.id}
              onClick={() => commands.toggle(r)}
            >
              {canPause(r) ? '暂停' : '启用'}
              <span className="sr-only">「{r.name}」</span>
            </Button>
          ) : null}
          {canRun(r) ? (
            <Button type="link" size="small" icon={<ThunderboltOutlined aria-hidden />} onClick={() => commands.run(r)}>
              立即执行<span className="sr-only">「{r.name}」</span>
            </Button>
          ) : null}
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined aria-hidden />}
            onClick={() => {
              setRunsOf(r);
              setRunsOpen(true);
            }}
          >
            查看执行记录<span className="sr-only">（{r.name}）</span>
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={rules.reload} loading={rules.loading}>
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/notices/rules/new')}>
              新建规则
            </Button>
          </Space>
        }
      />
      <p className="page-intro">
        按年龄、网格、参保和申报等条件，定时、在事件发生时或手动向符合条件的居民发送站内信，已订阅的居民同时收到微信订阅消息。
        新建的规则为草稿，启用后才会执行。
      </p>
      <SettingsNote settings={facts.data?.settings} />
      <Table<Rule>
        aria-label="推送规则列表"
        rowKey="id"
        columns={columns}
        dataSource={rules.data?.items}
        loading={rules.loading}
        size="middle"
        scroll={{ x: 1700 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条规则` }}
        locale={{ emptyText: rules.error ? '加载失败，请稍后重试' : '还没有推送规则，点击「新建规则」创建' }}
      />
      <RuleRunsDrawer rule={runsOf} open={runsOpen} onClose={() => setRunsOpen(false)} />
    </>
  );
}
