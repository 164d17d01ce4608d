// 发送记录 (supervisor, admin): every message the pipeline wrote — from rules, about people's own cases, and
// urgent ones — with its state and why (免打扰顺延, 超出频次, 未订阅仅站内信, …), what WeChat answered, and
// when it was due, sent and read. Recipients arrive masked. Filters and paging live in the URL.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  DELIVERY_CLASSES,
  DELIVERY_STATES,
  listDeliveries,
  listRules,
  type Delivery,
  type DeliveryClass,
  type DeliveryState,
  type WechatOutcome,
} from '../../api/notices';
import { useLoad } from '../../api/use-load';
import { canUseNotices } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from '../residence/list-params';
import { className, isDeliveryClass, isDeliveryState, NOTICES_WHO, reasonLabel, WECHAT_LABELS } from './labels';
import { DeliveryStateTag } from './notice-tags';
import './notices.css';

const TITLE = '发送记录';

interface Filters {
  ruleId?: number;
  state?: DeliveryState;
  class?: DeliveryClass;
}

export function DeliveriesPage() {
  const user = useSession()!.user;
  if (!canUseNotices(user.role)) return <NoAccess title={TITLE} who={NOTICES_WHO} />;
  return <DeliveryList />;
}

function WechatCell({ d }: { d: Delivery }) {
  if (!d.wechat) return <span className="muted">—</span>;
  const label = WECHAT_LABELS[d.wechat as WechatOutcome] ?? d.wechat;
  return (
    <>
      <div>{label}</div>
      {d.wechatErrcode !== null && d.wechatErrcode !== undefined && d.wechatErrcode !== 0 ? (
        <div className="muted">错误码 {String(d.wechatErrcode)}</div>
      ) : null}
    </>
  );
}

function DeliveryList() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();

  const ruleId = positiveInt(params.get('ruleId'));
  const stateParam = params.get('state');
  const state = isDeliveryState(stateParam) ? stateParam : undefined;
  const classParam = params.get('class');
  const klass = isDeliveryClass(classParam) ? classParam : undefined;
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const rules = useLoad((signal) => listRules(signal), []);
  const deliveries = useLoad(
    (signal) => listDeliveries({ ruleId, state, class: klass, page, pageSize }, signal),
    [ruleId, state, klass, page, pageSize],
  );

  useEffect(() => {
    const error = deliveries.error ?? rules.error;
    if (error) message.error(errorMessage(error));
  }, [deliveries.error, rules.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ ruleId, state, class: klass });
  }, [filterForm, ruleId, state, klass]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    const merged = { ruleId, state, class: klass, page, pageSize, ...next };
    setParams(toSearchParams(merged));
  }

  const ruleOptions = (rules.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  // A rule from a link that the list does not (yet) have is still shown, by its number.
  if (ruleId && rules.data && !ruleOptions.some((o) => o.value === ruleId)) {
    ruleOptions.push({ value: ruleId, label: `规则 ${ruleId}` });
  }

  const columns: TableColumnsType<Delivery> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 80 },
    { title: '接收人（已脱敏）', dataIndex: 'recipient', key: 'recipient', className: 'nowrap', width: 150 },
    {
      title: '来源',
      key: 'source',
      width: 180,
      render: (_, d) => (
        <>
          <div>{className(d.class)}</div>
          {d.ruleId ? (
            <Link to={`/notices/rules/${d.ruleId}`}>{d.ruleName ?? `规则 ${d.ruleId}`}</Link>
          ) : null}
        </>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 130,
      render: (_, d) => <DeliveryStateTag state={d.state} stateName={d.stateName} />,
    },
    {
      title: '说明',
      key: 'reason',
      width: 220,
      render: (_, d) => d.reasonText || (d.reason ? reasonLabel(d.reason) : <span className="muted">—</span>),
    },
    { title: '微信推送', key: 'wechat', width: 140, render: (_, d) => <WechatCell d={d} /> },
    {
      title: '尝试次数',
      dataIndex: 'attempts',
      key: 'attempts',
      align: 'right',
      width: 90,
      render: (n: number) => <span className="count">{n ?? 0}</span>,
    },
    { title: '计划发送', dataIndex: 'dueAt', key: 'dueAt', className: 'nowrap', width: 140, render: (at: string | null) => formatDateTime(at) },
    { title: '送达时间', dataIndex: 'sentAt', key: 'sentAt', className: 'nowrap', width: 140, render: (at: string | null) => formatDateTime(at) },
    {
      title: '阅读时间',
      dataIndex: 'readAt',
      key: 'readAt',
      className: 'nowrap',
      width: 140,
      render: (at: string | null) => formatDateTime(at, '未读'),
    },
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={deliveries.reload} loading={deliveries.loading}>
            刷新
          </Button>
        }
      />
      <p className="page-intro">
        每条通知先写入站内信，已订阅的居民同时收到微信订阅消息。免打扰时段和超出频次上限的通知顺延发送；紧急通知不受这些限制。
      </p>
      <Form<Filters>
        form={filterForm}
        name="delivery-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选发送记录"
        initialValues={{ ruleId, state, class: klass }}
        onValuesChange={(_, values) => update({ ...values, page: 1 })}
      >
        <Form.Item label="规则" name="ruleId">
          <Select
            placeholder="全部规则"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={rules.loading}
            options={ruleOptions}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item label="状态" name="state">
          <Select placeholder="全部状态" allowClear options={DELIVERY_STATES} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item label="类别" name="class">
          <Select placeholder="全部类别" allowClear options={DELIVERY_CLASSES} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button onClick={() => setParams(new URLSearchParams())}>重置</Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<Delivery>
        aria-label="发送记录"
        rowKey="id"
        columns={columns}
        dataSource={deliveries.data?.items}
        loading={deliveries.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        size="middle"
        scroll={{ x: 1450 }}
        pagination={pagination(page, pageSize, deliveries.data?.total, '条')}
        locale={{ emptyText: deliveries.error ? '加载失败，请稍后重试' : '没有符合条件的发送记录' }}
      />
    </>
  );
}
