// The people and open work of one house: the declared tenants (identity numbers masked) and the grid
// worker's open verification tasks there.
import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { DeclarationSummary, VerificationTask } from '../../api/residence';
import { formatDateTime } from '../../ui/format';
import { formatDate } from './labels';
import { DeclarationStatusTag, RiskTags } from './residence-tags';

const tenantColumns: TableColumnsType<DeclarationSummary> = [
  {
    title: '姓名',
    dataIndex: 'name',
    key: 'name',
    render: (name: string, d) => <Link to={`/residence/declarations/${d.id}`}>{name}</Link>,
  },
  { title: '证件号（已脱敏）', dataIndex: 'idNumberMasked', key: 'idNumberMasked', className: 'nowrap' },
  {
    title: '状态',
    key: 'status',
    render: (_, d) => <DeclarationStatusTag status={d.status} statusName={d.statusName} />,
  },
  { title: '风险', key: 'risks', render: (_, d) => <RiskTags risks={d.risks} /> },
  { title: '入住日期', dataIndex: 'moveInDate', key: 'moveInDate', className: 'nowrap', render: (d: string | null) => formatDate(d) },
  { title: '有效期至', dataIndex: 'validUntil', key: 'validUntil', className: 'nowrap', render: (d: string | null) => formatDate(d) },
];

export function HouseTenants({ tenants }: { tenants: DeclarationSummary[] }) {
  return (
    <section aria-labelledby="house-tenants-title" className="detail-section">
      <h2 id="house-tenants-title" className="section-title">
        在住人员
      </h2>
      <Table<DeclarationSummary>
        aria-label="在住人员"
        style={{ marginTop: 12 }}
        rowKey="id"
        size="small"
        columns={tenantColumns}
        dataSource={tenants}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: '没有在住的申报人员' }}
      />
    </section>
  );
}

export function HouseOpenTasks({ tasks }: { tasks: VerificationTask[] }) {
  const columns: TableColumnsType<VerificationTask> = [
    { title: '任务类型', dataIndex: 'kindName', key: 'kindName' },
    {
      title: '申报人',
      key: 'declaration',
      render: (_, t) =>
        t.declaration ? (
          <Link to={`/residence/declarations/${t.declaration.id}`}>{t.declaration.name}</Link>
        ) : (
          '—'
        ),
    },
    { title: '核查原因', key: 'reasons', render: (_, t) => <RiskTags risks={t.reasons} /> },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
    {
      title: '操作',
      key: 'go',
      render: (_, t) => (
        <Link to={`/residence/tasks?gridCode=${encodeURIComponent(t.house.gridCode)}&task=${t.id}`}>
          去核查<span className="sr-only">（任务 {t.id}）</span>
        </Link>
      ),
    },
  ];
  return (
    <section aria-labelledby="house-tasks-title" className="detail-section">
      <h2 id="house-tasks-title" className="section-title">
        待办核查任务
      </h2>
      <Table<VerificationTask>
        aria-label="待办核查任务"
        style={{ marginTop: 12 }}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tasks}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '没有待办的核查任务' }}
      />
    </section>
  );
}
