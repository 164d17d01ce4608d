// 社保对账 (supervisor, admin): the three-way match of the tax office's, the bureau's and finance's ledgers
// for one month. Pick the month, 开始对账, and follow the run; the runs of that month, newest first, with each
// ledger's rows and amount, what matched, the discrepancies found and the share reconciled.
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  FEE_SOURCES,
  listReconciliations,
  startReconciliation,
  type FeeSource,
  type ReconciliationRun,
} from '../../api/fees';
import { useLoad } from '../../api/use-load';
import { canRunReconciliation, canUseFeeScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { useIdempotencyKey } from '../../ui/idempotency';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { toSearchParams } from '../residence/list-params';
import { ToneTag } from '../residence/residence-tags';
import { formatShare, formatYuan, isPeriod, lastMonth, periodOptions } from './labels';
import './fees.css';

/** While a run of the month is running the list is asked again this often. */
const POLL_MS = 2000;
const STATUS_TONES = { running: 'processing', done: 'success', failed: 'error' } as const;
const count = new Intl.NumberFormat('zh-CN');

export function ReconciliationsPage() {
  const user = useSession()!.user;
  if (!canUseFeeScreen(user.role, 'reconciliations')) return <NoAccess title="社保对账" who="只有督办员和系统管理员" />;
  return <Reconciliations canRun={canRunReconciliation(user.role)} />;
}

/** One ledger's part of a run: its amount and how many rows it had; "—" while it is not counted yet. */
function SourceCell({ run, source }: { run: ReconciliationRun; source: FeeSource }) {
  const totals = run.sources?.[source];
  if (!totals) return <span className="muted">—</span>;
  return (
    <>
      <div className="money">{formatYuan(totals.amountFen)}</div>
      <div className="muted nowrap">{count.format(totals.rows)} 条</div>
    </>
  );
}

/** The percentage in words, and a small bar that only repeats it for the eye. */
function Share({ run }: { run: ReconciliationRun }) {
  const share = run.reconciledShare;
  if (share === null || share === undefined) {
    return <span className="muted">{run.status === 'running' ? '计算中' : '—'}</span>;
  }
  const width = `${Math.min(100, Math.max(0, share * 100))}%`;
  return (
    <span className="share-row">
      <span>{formatShare(share)}</span>
      <span className="share-bar" aria-hidden>
        <span style={{ width }} />
      </span>
    </span>
  );
}

function Reconciliations({ canRun }: { canRun: boolean }) {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [starting, setStarting] = useState(false);
  const idempotency = useIdempotencyKey();

  const periodParam = params.get('period');
  const period = isPeriod(periodParam) ? periodParam : lastMonth();
  const options = useMemo(() => periodOptions(period), [period]);

  // The answer carries the month it is for, so the table never shows one month's runs under another's name.
  const runs = useLoad(
    (signal) => listReconciliations(period, signal).then((r) => ({ period, items: r.items })),
    [period],
  );
  const shown = runs.data?.period === period ? runs.data : undefined;
  // Newest first, whatever order the API sends.
  const items = useMemo(
    () => [...(shown?.items ?? [])].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)),
    [shown],
  );
  const running = items.some((r) => r.status === 'running');

  useEffect(() => {
    if (runs.error) message.error(errorMessage(runs.error));
  }, [runs.error, message]);

  // Poll the list while a run of this month is running: the one just started, or last night's still going.
  const { reload } = runs;
  useEffect(() => {
    if (!running || runs.loading) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, runs.loading, runs.data, reload]);

  async function start() {
    setStarting(true);
    try {
      const run = await startReconciliation(period, idempotency.keyFor({ period }));
      idempotency.reset();
      message.success(`已开始 ${period} 的对账（第 ${run.id} 次）`);
      // Shown at once (which also starts the polling), then asked again for the server's list.
      runs.replace({ period, items: [run, ...(shown?.items ?? []).filter((r) => r.id !== run.id)] });
      reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setStarting(false);
    }
  }

  const columns: TableColumnsType<ReconciliationRun> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 72 },
    { title: '月份', dataIndex: 'period', key: 'period', className: 'nowrap' },
    {
      title: '状态',
      key: 'status',
      render: (_, r) => <ToneTag tone={STATUS_TONES[r.status] ?? 'default'}>{r.statusName}</ToneTag>,
    },
    ...FEE_SOURCES.map((s) => ({
      title: `${s.label}台账`,
      key: s.value,
      align: 'right' as const,
      render: (_: unknown, r: ReconciliationRun) => <SourceCell run={r} source={s.value} />,
    })),
    { title: '比对项数', dataIndex: 'keys', key: 'keys', align: 'right', render: (n: number) => count.format(n ?? 0) },
    { title: '已对平', dataIndex: 'matched', key: 'matched', align: 'right', render: (n: number) => count.format(n ?? 0) },
    {
      title: '差异',
      dataIndex: 'discrepancies',
      key: 'discrepancies',
      align: 'right',
      className: 'nowrap',
      render: (n: number, r) =>
        n > 0 && r.status !== 'running' ? (
          <Link to={`/fees/discrepancies?${toSearchParams({ period: r.period, status: 'all' })}`}>
            {count.format(n)} 条<span className="sr-only">，查看 {r.period} 的差异</span>
          </Link>
        ) : (
          `${count.format(n ?? 0)} 条`
        ),
    },
    { title: '对平率', key: 'share', render: (_, r) => <Share run={r} /> },
    { title: '开始时间', dataIndex: 'startedAt', key: 'startedAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
    {
      title: '完成时间',
      dataIndex: 'finishedAt',
      key: 'finishedAt',
      className: 'nowrap',
      render: (at: string | null, r) => formatDateTime(at, r.status === 'running' ? '进行中' : '—'),
    },
  ];

  return (
    <>
      <PageHeading
        title="社保对账"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} loading={runs.loading && !shown}>
            刷新
          </Button>
        }
      />
      <p className="page-intro">
        按缴费人、月份和险种，逐笔比对税务征收、社保核定与财政入库三方台账。每晚自动对账上个月
        {canRun ? '，也可选择月份立即对账' : ''}
        。同一月份重新对账时，已对平的差异自动关闭，仍存在的差异保留处理备注。
      </p>
      <Form
        layout="inline"
        className="filters"
        requiredMark={false}
        name="reconciliation-period"
        role="search"
        aria-label="选择对账月份"
      >
        <Form.Item label="对账月份" htmlFor="reconciliation-month">
          <Select
            id="reconciliation-month"
            showSearch
            value={period}
            options={options}
            style={{ width: 140 }}
            onChange={(value: string) => setParams(toSearchParams({ period: value }))}
          />
        </Form.Item>
        {canRun ? (
          <Form.Item>
            <Space>
              <Button type="primary" icon={<ThunderboltOutlined aria-hidden />} loading={starting} onClick={start}>
                开始对账
              </Button>
            </Space>
          </Form.Item>
        ) : null}
      </Form>
      <p role="status" className="muted">
        {running ? `${period} 有对账正在进行，列表每 2 秒自动刷新。` : ''}
      </p>
      <Table<ReconciliationRun>
        aria-label={`${period} 对账记录列表`}
        rowKey="id"
        columns={columns}
        dataSource={items}
        // Polling reloads quietly; only a first load (or another month) shows the spinner.
        loading={runs.loading && !shown}
        size="middle"
        scroll={{ x: 1300 }}
        pagination={{ defaultPageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次` }}
        locale={{ emptyText: runs.error ? '加载失败，请稍后重试' : `${period} 还没有对账记录` }}
      />
    </>
  );
}
