// 差异处理 (supervisor, admin): what reconciliation found — a ledger without the row, amounts that differ, a
// row twice — filtered by month, kind and status, payers masked. 备注 and 关闭 are drawn on open ones; the
// answer replaces the row, a 409 reloads the list.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  DISCREPANCY_KINDS,
  DISCREPANCY_STATUSES,
  FEE_SOURCES,
  listDiscrepancies,
  SOURCE_NAMES,
  type Discrepancy,
  type DiscrepancyCommand,
  type DiscrepancyKind,
  type DiscrepancyStatus,
} from '../../api/fees';
import { useLoad } from '../../api/use-load';
import { canHandleDiscrepancies, canUseFeeScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from '../residence/list-params';
import { ToneTag } from '../residence/residence-tags';
import { COMMAND_LABELS, DiscrepancyModal } from './discrepancy-modal';
import { formatYuan, isPeriod, periodOptions } from './labels';
import './fees.css';

/** `all` is this page's own word for "no status filter"; the list opens on the open ones, the work to do. */
type StatusChoice = DiscrepancyStatus | 'all';

const STATUS_CHOICES: { value: StatusChoice; label: string }[] = [...DISCREPANCY_STATUSES, { value: 'all', label: '全部' }];
const STATUS_TONES = { open: 'warning', closed: 'success' } as const;

const statusChoice = (value: string | null): StatusChoice => (value === 'closed' || value === 'all' ? value : 'open');
const isKind = (value: string | null): value is DiscrepancyKind => DISCREPANCY_KINDS.some((k) => k.value === value);

interface Filters {
  period?: string;
  kind?: DiscrepancyKind;
  status: StatusChoice;
}

export function DiscrepanciesPage() {
  const user = useSession()!.user;
  if (!canUseFeeScreen(user.role, 'discrepancies')) return <NoAccess title="差异处理" who="只有督办员和系统管理员" />;
  return <DiscrepancyList canHandle={canHandleDiscrepancies(user.role)} />;
}

function DiscrepancyList({ canHandle }: { canHandle: boolean }) {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const [acting, setActing] = useState<{ discrepancy: Discrepancy; command: DiscrepancyCommand } | null>(null);
  const [open, setOpen] = useState(false);

  const periodParam = params.get('period');
  const period = isPeriod(periodParam) ? periodParam : undefined;
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const status = statusChoice(params.get('status'));
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  const periods = useMemo(() => periodOptions(period), [period]);

  const list = useLoad(
    (signal) =>
      listDiscrepancies({ period, kind, status: status === 'all' ? undefined : status, page, pageSize }, signal),
    [period, kind, status, page, pageSize],
  );

  useEffect(() => {
    if (list.error) message.error(errorMessage(list.error));
  }, [list.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ period, kind, status });
  }, [filterForm, period, kind, status]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    const merged = { period, kind, status, page, pageSize, ...next };
    setParams(toSearchParams({ ...merged, status: merged.status === 'open' ? undefined : merged.status }));
  }

  function act(discrepancy: Discrepancy, command: DiscrepancyCommand) {
    setActing({ discrepancy, command });
    setOpen(true);
  }

  function onDone(next: Discrepancy) {
    setOpen(false);
    const data = list.data;
    if (data) list.replace({ ...data, items: data.items.map((d) => (d.id === next.id ? next : d)) });
    message.success(
      acting?.command === 'close' ? `差异 ${next.id} 已关闭` : `已为差异 ${next.id} 添加备注`,
    );
  }

  const columns: TableColumnsType<Discrepancy> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 72 },
    { title: '月份', dataIndex: 'period', key: 'period', className: 'nowrap', width: 96 },
    { title: '缴费人（已脱敏）', dataIndex: 'payerMasked', key: 'payerMasked', className: 'nowrap', width: 190 },
    { title: '险种', dataIndex: 'typeName', key: 'typeName', className: 'nowrap', width: 110 },
    { title: '差异类型', dataIndex: 'kindName', key: 'kindName', className: 'nowrap', width: 100 },
    {
      title: '缺失方',
      dataIndex: 'missingIn',
      key: 'missingIn',
      className: 'nowrap',
      width: 100,
      render: (sources: Discrepancy['missingIn'] | undefined) =>
        sources && sources.length > 0 ? sources.map((s) => SOURCE_NAMES[s] ?? s).join('、') : '—',
    },
    ...FEE_SOURCES.map((s) => ({
      title: `${s.label}金额`,
      key: `amount-${s.value}`,
      align: 'right' as const,
      className: 'money',
      width: 130,
      render: (_: unknown, d: Discrepancy) => formatYuan(d.amounts?.[s.value]),
    })),
    {
      title: '状态',
      key: 'status',
      className: 'nowrap',
      width: 150,
      render: (_, d) => (
        <>
          <ToneTag tone={STATUS_TONES[d.status] ?? 'default'}>{d.statusName}</ToneTag>
          {d.closedAt ? <div className="muted">{formatDateTime(d.closedAt)}</div> : null}
        </>
      ),
    },
    {
      title: '备注',
      dataIndex: 'note',
      key: 'note',
      render: (note: string | null) => (note ? <span className="pre-wrap">{note}</span> : <span className="muted">—</span>),
    },
    ...(canHandle
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            width: 130,
            render: (_: unknown, d: Discrepancy) =>
              d.status === 'open' ? (
                <Space size={0}>
                  {(['note', 'close'] as const).map((command) => (
                    <Button
                      key={command}
                      type="link"
                      size="small"
                      danger={command === 'close'}
                      onClick={() => act(d, command)}
                    >
                      {COMMAND_LABELS[command]}
                      <span className="sr-only">（差异 {d.id}）</span>
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading
        title="差异处理"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload} loading={list.loading}>
            刷新
          </Button>
        }
      />
      <p className="page-intro">
        单边缺失：某一方台账没有该笔记录；金额不符：三方金额不一致；重复记录：同一方有多笔记录。核实后添加备注，处理完毕后关闭。
      </p>
      <Form<Filters>
        form={filterForm}
        name="discrepancy-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选差异"
        initialValues={{ period, kind, status }}
        onValuesChange={(_, values) => update({ ...values, page: 1 })}
      >
        <Form.Item label="月份" name="period">
          <Select placeholder="全部月份" allowClear showSearch options={periods} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="差异类型" name="kind">
          <Select placeholder="全部类型" allowClear options={DISCREPANCY_KINDS} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select options={STATUS_CHOICES} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => setParams(new URLSearchParams())}>重置</Button>
        </Form.Item>
      </Form>
      <Table<Discrepancy>
        aria-label="对账差异列表"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        size="middle"
        scroll={{ x: 1500 }}
        pagination={pagination(page, pageSize, list.data?.total, '条')}
        locale={{
          emptyText: list.error ? '加载失败，请稍后重试' : status === 'open' ? '没有待处理的差异' : '没有符合条件的差异',
        }}
      />
      {acting ? (
        <DiscrepancyModal
          discrepancy={acting.discrepancy}
          command={acting.command}
          open={open}
          onClose={() => setOpen(false)}
          onDone={onDone}
          onStale={() => {
            setOpen(false);
            message.warning('该差异状态已变化，已刷新');
            list.reload();
          }}
          afterClose={() => setActing(null)}
        />
      ) : null}
    </>
  );
}
