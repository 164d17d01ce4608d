// 申报记录: declarations in the caller's scope, filtered by status, grid, house and name; identity numbers
// masked. A row opens the declaration's detail, where its steps and the audited 查看完整证件号 are.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { DECLARATION_STATUSES, listDeclarations, type DeclarationSummary } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { formatDate } from './labels';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from './list-params';
import { DeclarationStatusTag, RiskTags } from './residence-tags';

interface Filters {
  status?: string;
  gridCode?: string;
  houseCode?: string;
  q?: string;
}

export function DeclarationsPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'declarations')) {
    return <NoAccess title="申报记录" who="只有网格员、督办员和系统管理员" />;
  }
  return <DeclarationList />;
}

function DeclarationList() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();

  const status = params.get('status') ?? '';
  const gridCode = params.get('gridCode') ?? '';
  const houseCode = params.get('houseCode') ?? '';
  const q = params.get('q') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const declarations = useLoad(
    (signal) => listDeclarations({ status, gridCode, houseCode, q, page, pageSize }, signal),
    [status, gridCode, houseCode, q, page, pageSize],
  );

  useEffect(() => {
    if (declarations.error) message.error(errorMessage(declarations.error));
  }, [declarations.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ status: status || undefined, gridCode, houseCode, q });
  }, [filterForm, status, gridCode, houseCode, q]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    setParams(toSearchParams({ status, gridCode, houseCode, q, page, pageSize, ...next }));
  }

  const detailPath = (d: DeclarationSummary) => `/residence/declarations/${d.id}`;

  function openRow(d: DeclarationSummary, click: MouseEvent<HTMLElement>) {
    // A click on a link in the row is already handled by that link.
    if ((click.target as HTMLElement).closest('a, button, input')) return;
    navigate(detailPath(d));
  }

  const columns: TableColumnsType<DeclarationSummary> = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      className: 'nowrap',
      // The link is the keyboard's way in; a click anywhere on the row does the same for the mouse.
      render: (name: string, d) => <Link to={detailPath(d)}>{name}</Link>,
    },
    { title: '证件号（已脱敏）', dataIndex: 'idNumberMasked', key: 'idNumberMasked', className: 'nowrap' },
    {
      title: '房屋',
      key: 'house',
      render: (_, d) => (
        <>
          <Link to={`/residence/houses/${encodeURIComponent(d.houseCode)}`}>{d.houseCode}</Link>
          <div className="muted">{d.address}</div>
        </>
      ),
    },
    { title: '网格', key: 'grid', render: (_, d) => `${d.gridName}（${d.gridCode}）` },
    {
      title: '状态',
      key: 'status',
      render: (_, d) => <DeclarationStatusTag status={d.status} statusName={d.statusName} />,
    },
    { title: '风险', key: 'risks', render: (_, d) => <RiskTags risks={d.risks} /> },
    { title: '入住日期', dataIndex: 'moveInDate', key: 'moveInDate', className: 'nowrap', render: (v: string | null) => formatDate(v) },
    { title: '有效期至', dataIndex: 'validUntil', key: 'validUntil', className: 'nowrap', render: (v: string | null) => formatDate(v) },
    { title: '申报时间', dataIndex: 'createdAt', key: 'createdAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
  ];

  return (
    <>
      <PageHeading
        title="申报记录"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={declarations.reload} loading={declarations.loading}>
            刷新
          </Button>
        }
      />
      <Form<Filters>
        form={filterForm}
        name="declaration-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选申报记录"
        initialValues={{ status: status || undefined, gridCode, houseCode, q }}
        onFinish={(values) => update({ ...values, page: 1 })}
      >
        <Form.Item label="状态" name="status">
          <Select
            placeholder="全部状态"
            allowClear
            options={DECLARATION_STATUSES}
            style={{ width: 150 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item label="网格编码" name="gridCode">
          <Input allowClear autoComplete="off" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="房屋编码" name="houseCode">
          <Input allowClear autoComplete="off" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="姓名" name="q">
          <Input allowClear autoComplete="off" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                setParams(new URLSearchParams());
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<DeclarationSummary>
        aria-label="申报记录列表"
        rowKey="id"
        columns={columns}
        dataSource={declarations.data?.items}
        loading={declarations.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        onRow={(d) => ({ onClick: (click) => openRow(d, click) })}
        rowClassName="event-row"
        size="middle"
        scroll={{ x: 1200 }}
        pagination={pagination(page, pageSize, declarations.data?.total, '条')}
        locale={{ emptyText: declarations.error ? '加载失败，请稍后重试' : '没有符合条件的申报记录' }}
      />
    </>
  );
}
