// 网格: grids are many (thousands in a city), so the list is paged by the server; page, filters and search
// live in the URL. Below it, the typed alternative to picking a point on a map: 定位网格.
import { App, Button, Form, Input, Select, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listGrids, type Grid } from '../../api/grids';
import { communityOptions, listRegions } from '../../api/regions';
import { useLoad } from '../../api/use-load';
import { PageHeading } from '../../ui/page-heading';
import { LocateGridCard } from './locate-grid-card';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
const areaFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 3 });

const columns: TableColumnsType<Grid> = [
  { title: '网格编码', dataIndex: 'code', key: 'code' },
  { title: '网格名称', dataIndex: 'name', key: 'name' },
  { title: '所属社区', dataIndex: 'communityName', key: 'communityName' },
  { title: '所属街道', dataIndex: 'streetName', key: 'streetName' },
  {
    title: '面积（平方千米）',
    dataIndex: 'areaKm2',
    key: 'areaKm2',
    align: 'right',
    render: (area: number | null) => (area === null || area === undefined ? '未知' : areaFormat.format(area)),
  },
];

interface Filters {
  q?: string;
  regionId?: number;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function GridsPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const regionIdParam = positiveInt(params.get('regionId'), 0);
  const regionId = regionIdParam || undefined;
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const [filterForm] = Form.useForm<Filters>();

  const regions = useLoad((signal) => listRegions(signal).then((r) => communityOptions(r.items)), []);
  const grids = useLoad(
    (signal) => listGrids({ q, regionId, page, pageSize }, signal),
    [q, regionId, page, pageSize],
  );

  useEffect(() => {
    const error = grids.error ?? regions.error;
    if (error) message.error(errorMessage(error));
  }, [grids.error, regions.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ q, regionId });
  }, [filterForm, q, regionId]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    const merged = { q, regionId, page, pageSize, ...next };
    const out = new URLSearchParams();
    if (merged.q?.trim()) out.set('q', merged.q.trim());
    if (merged.regionId) out.set('regionId', String(merged.regionId));
    if (merged.page > 1) out.set('page', String(merged.page));
    if (merged.pageSize !== DEFAULT_PAGE_SIZE) out.set('pageSize', String(merged.pageSize));
    setParams(out);
  }

  function onTableChange(pagination: TablePaginationConfig) {
    const size = pagination.pageSize ?? pageSize;
    // A new page size makes the old page number meaningless; start again from the first page.
    update({ page: size === pageSize ? pagination.current ?? 1 : 1, pageSize: size });
  }

  return (
    <>
      <PageHeading title="网格" />
      <Form<Filters>
        form={filterForm}
        name="grid-filters"
        layout="inline"
        className="filters"
        // Every filter is optional; saying so on each label would be noise.
        requiredMark={false}
        role="search"
        aria-label="筛选网格"
        initialValues={{ q, regionId }}
        // A new filter starts from page 1; the old page may not exist any more.
        onFinish={(values) => update({ q: values.q ?? '', regionId: values.regionId, page: 1 })}
      >
        <Form.Item label="关键词" name="q">
          <Input placeholder="网格名称或编码" allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="所属社区" name="regionId">
          <Select
            placeholder="全部社区"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={regions.loading}
            options={regions.data}
            style={{ width: 260 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      <Table<Grid>
        aria-label="网格列表"
        rowKey="id"
        columns={columns}
        dataSource={grids.data?.items}
        loading={grids.loading}
        onChange={onTableChange}
        pagination={{
          current: grids.data?.page ?? page,
          pageSize: grids.data?.pageSize ?? pageSize,
          total: grids.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个网格`,
          // antd's Chinese locale names the page-size picker 页码 (page number), which it is not.
          locale: { page_size: '每页条数' },
        }}
        locale={{ emptyText: grids.error ? '加载失败，请稍后重试' : '暂无网格' }}
      />
      <LocateGridCard />
    </>
  );
}
