// One paged, filterable table of events, shared by the queues (分拨, 处置, 核查) and 全部事件. Rows stay in
// the order the API sends them (a queue is ordered by level, then deadline); filters and the page live in
// the URL so that a view can be bookmarked and Back returns to it from an event's detail.
import { ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TablePaginationConfig,
} from 'antd';
import { useEffect, useMemo, type MouseEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { listCategories } from '../../api/categories';
import { errorMessage } from '../../api/client';
import { EVENT_LEVELS, EVENT_STATUSES, listEvents, type EventQueue, type EventSummary } from '../../api/events';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';
import { PageHeading } from '../../ui/page-heading';
import { LevelTag, OverdueTag, StatusTag } from './event-tags';

export type EventFilter = 'status' | 'level' | 'category' | 'gridCode' | 'overdue';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

interface Filters {
  status?: string;
  level?: number;
  category?: string;
  gridCode?: string;
  overdue?: boolean;
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Where the detail page's 返回 link should go: back to this list as it was filtered. */
export interface FromList {
  from: string;
  fromTitle: string;
}

export function EventList(props: {
  title: string;
  /** The table's accessible name. */
  label: string;
  queue?: EventQueue;
  filters: readonly EventFilter[];
  intro?: string;
  emptyText: string;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();

  const status = params.get('status') ?? '';
  const level = positiveInt(params.get('level'));
  const category = params.get('category') ?? '';
  const gridCode = params.get('gridCode') ?? '';
  const overdue = params.get('overdue') === 'true';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  const shows = (f: EventFilter) => props.filters.includes(f);

  const categories = useLoad(
    (signal) => (shows('category') ? listCategories(signal).then((r) => r.items) : Promise.resolve([])),
    [props.filters.join()],
  );
  const events = useLoad(
    (signal) => listEvents({ queue: props.queue, status, level, category, gridCode, overdue, page, pageSize }, signal),
    [props.queue, status, level, category, gridCode, overdue, page, pageSize],
  );

  useEffect(() => {
    const error = events.error ?? categories.error;
    if (error) message.error(errorMessage(error));
  }, [events.error, categories.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ status: status || undefined, level, category: category || undefined, gridCode, overdue });
  }, [filterForm, status, level, category, gridCode, overdue]);

  const fromList: FromList = { from: location.pathname + location.search, fromTitle: props.title };

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    const merged = { status, level, category, gridCode, overdue, page, pageSize, ...next };
    const out = new URLSearchParams();
    if (merged.status) out.set('status', merged.status);
    if (merged.level) out.set('level', String(merged.level));
    if (merged.category) out.set('category', merged.category);
    if (merged.gridCode?.trim()) out.set('gridCode', merged.gridCode.trim());
    if (merged.overdue) out.set('overdue', 'true');
    if (merged.page > 1) out.set('page', String(merged.page));
    if (merged.pageSize !== DEFAULT_PAGE_SIZE) out.set('pageSize', String(merged.pageSize));
    setParams(out);
  }

  function onTableChange(pagination: TablePaginationConfig) {
    const size = pagination.pageSize ?? pageSize;
    update({ page: size === pageSize ? pagination.current ?? 1 : 1, pageSize: size });
  }

  const columns = useMemo<TableColumnsType<EventSummary>>(
    () => [
      {
        title: '事件编号',
        dataIndex: 'code',
        key: 'code',
        className: 'nowrap',
        width: 172,
        // The link is the keyboard's way in; a click anywhere on the row does the same for the mouse.
        render: (code: string) => (
          <Link to={`/events/${encodeURIComponent(code)}`} state={fromList}>
            {code}
          </Link>
        ),
      },
      {
        title: '状态',
        key: 'status',
        width: 116,
        render: (_, e) => (
          <Space size={4} wrap>
            <StatusTag status={e.status} statusName={e.statusName} />
            {e.overdue ? <OverdueTag /> : null}
          </Space>
        ),
      },
      {
        title: '等级',
        key: 'level',
        className: 'nowrap',
        width: 146,
        render: (_, e) => <LevelTag level={e.level} levelName={e.levelName} />,
      },
      { title: '类别', dataIndex: 'categoryName', key: 'categoryName', width: 96 },
      {
        title: '描述',
        dataIndex: 'description',
        key: 'description',
        // Long descriptions are cut to one line; the full text is the cell's title and on the detail page.
        ellipsis: true,
      },
      {
        title: '网格',
        key: 'grid',
        width: 124,
        // Grid names already say their community (河东社区第4网格).
        render: (_, e) => e.gridName || '未定位',
      },
      {
        title: '责任单位',
        dataIndex: 'unitName',
        key: 'unitName',
        width: 132,
        render: (name: string | null) => name || '未派遣',
      },
      {
        title: '处置时限',
        dataIndex: 'resolutionDueAt',
        key: 'resolutionDueAt',
        className: 'nowrap',
        width: 140,
        render: (at: string | null) => formatDateTime(at, '未设定'),
      },
      // A queue is worked by deadline; when an event came in matters when looking through all of them.
      ...(props.queue
        ? []
        : [
            {
              title: '上报时间',
              dataIndex: 'createdAt',
              key: 'createdAt',
              className: 'nowrap',
              width: 140,
              render: (at: string) => formatDateTime(at),
            },
          ]),
    ],
    // fromList is rebuilt from the URL on every render; the URL is what it depends on.
    [location.pathname, location.search, props.title, props.queue],
  );

  function openRow(event: EventSummary, click: MouseEvent<HTMLElement>) {
    // A click on the code's link (or anything else interactive) is already handled by that element.
    if ((click.target as HTMLElement).closest('a, button, input')) return;
    navigate(`/events/${encodeURIComponent(event.code)}`, { state: fromList });
  }

  return (
    <>
      <PageHeading
        title={props.title}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={events.reload} loading={events.loading}>
            刷新
          </Button>
        }
      />
      {props.intro ? <p className="page-intro">{props.intro}</p> : null}
      <Form<Filters>
        form={filterForm}
        name="event-filters"
        layout="inline"
        className="filters"
        // Every filter is optional; saying so on each label would be noise.
        requiredMark={false}
        role="search"
        aria-label="筛选事件"
        initialValues={{ status: status || undefined, level, category: category || undefined, gridCode, overdue }}
        // A new filter starts from page 1; the old page may not exist any more.
        onFinish={(values) => update({ ...values, page: 1 })}
      >
        {shows('status') ? (
          <Form.Item label="状态" name="status">
            <Select
              placeholder="全部状态"
              allowClear
              options={EVENT_STATUSES}
              style={{ width: 160 }}
              onChange={() => filterForm.submit()}
            />
          </Form.Item>
        ) : null}
        {shows('level') ? (
          <Form.Item label="等级" name="level">
            <Select
              placeholder="全部等级"
              allowClear
              options={EVENT_LEVELS}
              style={{ width: 170 }}
              onChange={() => filterForm.submit()}
            />
          </Form.Item>
        ) : null}
        {shows('category') ? (
          <Form.Item label="类别" name="category">
            <Select
              placeholder="全部类别"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={categories.loading}
              options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              style={{ width: 180 }}
              onChange={() => filterForm.submit()}
            />
          </Form.Item>
        ) : null}
        {shows('gridCode') ? (
          <Form.Item label="网格编码" name="gridCode">
            <Input allowClear autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
        ) : null}
        {shows('overdue') ? (
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox onChange={() => filterForm.submit()}>只看已超时</Checkbox>
          </Form.Item>
        ) : null}
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
      <Table<EventSummary>
        aria-label={props.label}
        rowKey="code"
        columns={columns}
        dataSource={events.data?.items}
        loading={events.loading}
        onChange={onTableChange}
        rowClassName={(e) => (e.overdue ? 'event-row event-row-overdue' : 'event-row')}
        onRow={(e) => ({ onClick: (click) => openRow(e, click) })}
        size="middle"
        // Below this width the table scrolls sideways instead of squeezing codes and dates onto two lines.
        scroll={{ x: props.queue ? 1080 : 1220 }}
        pagination={{
          current: page,
          pageSize,
          total: events.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 件`,
          // antd's Chinese locale names the page-size picker 页码 (page number), which it is not.
          locale: { page_size: '每页条数' },
        }}
        locale={{ emptyText: events.error ? '加载失败，请稍后重试' : props.emptyText }}
      />
    </>
  );
}
