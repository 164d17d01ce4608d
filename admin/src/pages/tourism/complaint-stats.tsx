// 商家投诉统计: complaints per merchant for an island and a date range, most complained about first, with the
// count per category and how many are still open; complaints naming no merchant are one number beside it.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Space, Table, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { COMPLAINT_CATEGORIES, getComplaintStats, type MerchantComplaintStats } from '../../api/tourism';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';
import { toSearchParams } from '../residence/list-params';
import { isDate } from './labels';
import { useIslands } from './use-islands';
import { IslandFilter } from './island-filter';

const count = new Intl.NumberFormat('zh-CN');

interface Filters {
  island?: string;
  from?: string;
  to?: string;
}

export function ComplaintStatsView() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const islands = useIslands();

  const island = params.get('island') ?? '';
  const fromParam = params.get('from');
  const from = isDate(fromParam) ? fromParam : '';
  const toParam = params.get('to');
  const to = isDate(toParam) ? toParam : '';

  const stats = useLoad((signal) => getComplaintStats({ island, from, to }, signal), [island, from, to]);

  useEffect(() => {
    const error = stats.error ?? islands.error;
    if (error) message.error(errorMessage(error));
  }, [stats.error, islands.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ island: island || undefined, from, to });
  }, [filterForm, island, from, to]);

  function update(next: Filters) {
    setParams(toSearchParams({ tab: 'stats', island, from, to, ...next }));
  }

  const items = stats.data?.items ?? [];
  const merchantTotal = items.reduce((sum, s) => sum + s.total, 0);
  const general = stats.data?.general ?? 0;
  const range = from || to ? `${from || '最早'} 至 ${to || '今天'}` : '全部时间';
  const islandName = island ? islands.options.find((o) => o.value === island)?.label ?? island : '全部海岛';

  const columns: TableColumnsType<MerchantComplaintStats> = [
    {
      title: '商家',
      key: 'place',
      width: 200,
      fixed: 'left',
      render: (_, s) => (
        <>
          <div>{s.place.name}</div>
          <div className="muted">{s.place.code}</div>
        </>
      ),
    },
    { title: '类型', key: 'kind', className: 'nowrap', width: 96, render: (_, s) => s.place.kindName },
    { title: '海岛', key: 'island', className: 'nowrap', width: 90, render: (_, s) => s.island?.name ?? '—' },
    { title: '投诉总数', dataIndex: 'total', key: 'total', align: 'right', width: 90, render: (n: number) => <span className="count">{count.format(n)}</span> },
    { title: '未办结', dataIndex: 'open', key: 'open', align: 'right', width: 80, render: (n: number) => <span className="count">{count.format(n)}</span> },
    { title: '已办结', dataIndex: 'closed', key: 'closed', align: 'right', width: 80, render: (n: number) => <span className="count">{count.format(n)}</span> },
    ...COMPLAINT_CATEGORIES.map((c) => ({
      title: c.label,
      key: `category-${c.value}`,
      align: 'right' as const,
      width: 90,
      render: (_: unknown, s: MerchantComplaintStats) => (
        <span className="count">{count.format(s.byCategory?.[c.value] ?? 0)}</span>
      ),
    })),
    {
      title: '最近投诉',
      dataIndex: 'lastAt',
      key: 'lastAt',
      className: 'nowrap',
      width: 140,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: '操作',
      key: 'actions',
      className: 'nowrap',
      width: 110,
      render: (_, s) => (
        <Link to={`/tourism/complaints?${toSearchParams({ place: s.place.code })}`}>
          查看投诉<span className="sr-only">（{s.place.name}）</span>
        </Link>
      ),
    },
  ];

  return (
    <>
      <Form<Filters>
        form={filterForm}
        name="complaint-stats-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选投诉统计"
        initialValues={{ island: island || undefined, from, to }}
        onFinish={(values) => update({ island: values.island ?? '', from: values.from ?? '', to: values.to ?? '' })}
      >
        <IslandFilter islands={islands} onChange={() => filterForm.submit()} />
        <Form.Item label="开始日期" name="from">
          <Input type="date" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label="结束日期"
          name="to"
          dependencies={['from']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                const start = getFieldValue('from') as string | undefined;
                return !value || !start || value >= start
                  ? Promise.resolve()
                  : Promise.reject(new Error('结束日期不能早于开始日期'));
              },
            }),
          ]}
        >
          <Input type="date" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                setParams(toSearchParams({ tab: 'stats' }));
              }}
            >
              重置
            </Button>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={stats.reload} loading={stats.loading}>
              刷新
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {stats.data ? (
        <p>
          {islandName}，{range}（按城市时间）：{items.length} 家商家被投诉，合计 {count.format(merchantTotal)} 件；
          未指明商家的投诉 {count.format(general)} 件。
        </p>
      ) : null}
      <Table<MerchantComplaintStats>
        aria-label="商家投诉统计"
        rowKey={(s) => s.place.code}
        columns={columns}
        dataSource={items}
        loading={stats.loading}
        size="middle"
        scroll={{ x: 1500 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 家商家` }}
        locale={{ emptyText: stats.error ? '加载失败，请稍后重试' : '该范围内没有针对商家的投诉' }}
      />
    </>
  );
}
