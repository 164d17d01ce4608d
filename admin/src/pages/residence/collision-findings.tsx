// What one collision run found: people other departments report living in a house where they have not
// declared (an enforcement event each house), and houses reported vacant with people declared there (a
// task for the grid worker). Filtered by kind and paged by the server.
import { Form, Select, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { FINDING_KINDS, listFindings, type CollisionFinding, type CollisionRun, type FindingKind } from '../../api/residence';
import { errorMessage } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';
import { formatDate } from './labels';
import { pagination } from './list-params';

const columns: TableColumnsType<CollisionFinding> = [
  { title: '类型', dataIndex: 'kindName', key: 'kindName' },
  {
    title: '房屋',
    key: 'house',
    render: (_, f) => (
      <>
        <Link to={`/residence/houses/${encodeURIComponent(f.house.code)}`}>{f.house.code}</Link>
        <div className="muted">{f.house.address}</div>
      </>
    ),
  },
  { title: '网格', key: 'grid', render: (_, f) => `${f.house.gridName}（${f.house.gridCode}）` },
  { title: '证件号（已脱敏）', dataIndex: 'idNumberMasked', key: 'idNumberMasked', className: 'nowrap', render: (v: string | null) => v || '—' },
  { title: '报送来源', dataIndex: 'sourceName', key: 'sourceName', className: 'nowrap' },
  { title: '报送日期', dataIndex: 'reportedOn', key: 'reportedOn', className: 'nowrap', render: (d: string) => formatDate(d) },
  {
    title: '执法事件',
    dataIndex: 'eventCode',
    key: 'eventCode',
    className: 'nowrap',
    render: (code: string | null) => (code ? <Link to={`/events/${encodeURIComponent(code)}`}>{code}</Link> : '—'),
  },
  {
    title: '核查任务',
    key: 'task',
    className: 'nowrap',
    render: (_, f) =>
      f.taskId ? (
        <Link to={`/residence/tasks?status=all&gridCode=${encodeURIComponent(f.house.gridCode)}&task=${f.taskId}`}>
          任务 {f.taskId}
        </Link>
      ) : (
        '—'
      ),
  },
];

export function CollisionFindings(props: {
  run: CollisionRun;
  kind: FindingKind | undefined;
  page: number;
  pageSize: number;
  onChange: (next: { kind?: FindingKind; page: number; pageSize: number }) => void;
}) {
  const { run, kind, page, pageSize } = props;
  // Asked again when the run finishes, so a run watched while running ends with all its findings.
  const findings = useLoad(
    (signal) => listFindings(run.id, { kind, page, pageSize }, signal),
    [run.id, run.finishedAt, kind, page, pageSize],
  );

  return (
    <section aria-labelledby="findings-title" className="detail-section">
      <h2 id="findings-title" className="section-title" style={{ marginBottom: 4 }}>
        第 {run.id} 次碰撞的结果
      </h2>
      <p className="muted" style={{ margin: '0 0 12px' }}>
        开始于 {formatDateTime(run.startedAt)}，{run.finishedAt ? `完成于 ${formatDateTime(run.finishedAt)}` : '仍在进行'}
      </p>
      <Form layout="inline" className="filters" requiredMark={false} name="finding-filters" role="search" aria-label="筛选碰撞结果">
        <Form.Item label="结果类型" htmlFor="finding-kind">
          <Select
            id="finding-kind"
            placeholder="全部类型"
            allowClear
            value={kind}
            options={FINDING_KINDS}
            style={{ width: 220 }}
            onChange={(value: FindingKind | undefined) => props.onChange({ kind: value, page: 1, pageSize })}
          />
        </Form.Item>
      </Form>
      <Table<CollisionFinding>
        aria-label={`第 ${run.id} 次碰撞结果列表`}
        rowKey="id"
        columns={columns}
        dataSource={findings.data?.items}
        loading={findings.loading}
        size="middle"
        scroll={{ x: 1200 }}
        onChange={(change) => {
          const size = change.pageSize ?? pageSize;
          props.onChange({ kind, page: size === pageSize ? change.current ?? 1 : 1, pageSize: size });
        }}
        pagination={pagination(page, pageSize, findings.data?.total, '条')}
        locale={{ emptyText: findings.error ? `加载失败：${errorMessage(findings.error)}` : '没有发现' }}
      />
    </section>
  );
}
