// 投诉列表: complaints in the caller's scope, newest first, filtered by island, merchant, category and status;
// paged by the server with the filters in the URL. A row opens the complaint's event.
import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, type MouseEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { EVENT_STATUSES } from '../../api/events';
import { COMPLAINT_CATEGORIES, listComplaints, type Complaint, type ComplaintCategory } from '../../api/tourism';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';
import type { FromList } from '../events/event-list';
import { OverdueTag, StatusTag } from '../events/event-tags';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from '../residence/list-params';
import { isComplaintCategory } from './labels';
import { useIslands } from './use-islands';
import { IslandFilter } from './island-filter';

interface Filters {
  island?: string;
  place?: string;
  category?: ComplaintCategory;
  status?: string;
}

export function ComplaintList() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const islands = useIslands();

  const island = params.get('island') ?? '';
  const place = params.get('place') ?? '';
  const categoryParam = params.get('category');
  const category = isComplaintCategory(categoryParam) ? categoryParam : undefined;
  const status = params.get('status') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const complaints = useLoad(
    (signal) => listComplaints({ island, place, category, status, page, pageSize }, signal),
    [island, place, category, status, page, pageSize],
  );

  useEffect(() => {
    const error = complaints.error ?? islands.error;
    if (error) message.error(errorMessage(error));
  }, [complaints.error, islands.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ island: island || undefined, place, category, status: status || undefined });
  }, [filterForm, island, place, category, status]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    setParams(toSearchParams({ island, place, category, status, page, pageSize, ...next }));
  }

  const fromList: FromList = { from: location.pathname + location.search, fromTitle: '游客投诉' };
  const detailPath = (c: Complaint) => `/events/${encodeURIComponent(c.code)}`;

  function openRow(c: Complaint, click: MouseEvent<HTMLElement>) {
    if ((click.target as HTMLElement).closest('a, button, input')) return;
    navigate(detailPath(c), { state: fromList });
  }

  const columns: TableColumnsType<Complaint> = [
    {
      title: '事件编号',
      dataIndex: 'code',
      key: 'code',
      className: 'nowrap',
      width: 180,
      // The link is the keyboard's way in; a click anywhere on the row does the same for the mouse.
      render: (code: string, c) => (
        <Link to={detailPath(c)} state={fromList}>
          {code}
        </Link>
      ),
    },
    {
      title: '投诉时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'nowrap',
      width: 140,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, c) => (
        <Space size={4} wrap>
          <StatusTag status={c.status} statusName={c.statusName} />
          {c.overdue ? <OverdueTag /> : null}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'categoryName', key: 'categoryName', className: 'nowrap', width: 96 },
    {
      title: '被投诉商家',
      key: 'place',
      width: 180,
      render: (_, c) =>
        c.place ? (
          <>
            <div>{c.place.name}</div>
            <div className="muted">{c.place.code}</div>
          </>
        ) : (
          <span className="muted">未指明商家</span>
        ),
    },
    { title: '海岛', key: 'island', className: 'nowrap', width: 90, render: (_, c) => c.island?.name ?? '—' },
    {
      title: '投诉内容',
      dataIndex: 'description',
      key: 'description',
      // Long descriptions are cut to one line; the full text is the cell's title and on the detail page.
      ellipsis: true,
    },
    {
      title: '联系电话',
      dataIndex: 'phone',
      key: 'phone',
      className: 'nowrap',
      width: 150,
      render: (phone: string | null) =>
        phone ? (
          <a href={`tel:${phone}`}>
            <PhoneOutlined aria-hidden /> <span className="sr-only">拨打</span>
            {phone}
          </a>
        ) : (
          <span className="muted">未留</span>
        ),
    },
    {
      title: '承办单位',
      dataIndex: 'unitName',
      key: 'unitName',
      width: 170,
      render: (name: string | null) => name || <span className="muted">未派遣</span>,
    },
  ];

  return (
    <>
      <Form<Filters>
        form={filterForm}
        name="complaint-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选投诉"
        initialValues={{ island: island || undefined, place, category, status: status || undefined }}
        onFinish={(values) => update({ ...values, place: values.place?.trim(), page: 1 })}
      >
        <IslandFilter islands={islands} onChange={() => filterForm.submit()} />
        <Form.Item label="类别" name="category">
          <Select
            placeholder="全部类别"
            allowClear
            options={COMPLAINT_CATEGORIES}
            style={{ width: 130 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select
            placeholder="全部状态"
            allowClear
            options={EVENT_STATUSES}
            style={{ width: 150 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item label="商家编码" name="place">
          <Input allowClear autoComplete="off" style={{ width: 140 }} />
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
            <Button icon={<ReloadOutlined aria-hidden />} onClick={complaints.reload} loading={complaints.loading}>
              刷新
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<Complaint>
        aria-label="投诉列表"
        rowKey="code"
        columns={columns}
        dataSource={complaints.data?.items}
        loading={complaints.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        onRow={(c) => ({ onClick: (click) => openRow(c, click) })}
        rowClassName={(c) => (c.overdue ? 'event-row event-row-overdue' : 'event-row')}
        size="middle"
        scroll={{ x: 1400 }}
        pagination={pagination(page, pageSize, complaints.data?.total, '条投诉')}
        locale={{ emptyText: complaints.error ? '加载失败，请稍后重试' : '没有符合条件的投诉' }}
      />
    </>
  );
}
