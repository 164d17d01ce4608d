// 网格颜色: per grid, how many houses are red, yellow, green or grey, how many are occupied and the
// declaration rate the server works out. The small bar only repeats the counts written beside it.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Table, TreeSelect, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listRegions, regionTree } from '../../api/regions';
import { getGridStats, type GridStat, type HouseColour } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { formatRate } from './labels';
import { positiveInt, toSearchParams } from './list-params';
import './residence.css';

const COLOURS: { key: HouseColour; title: string }[] = [
  { key: 'red', title: '红色' },
  { key: 'yellow', title: '黄色' },
  { key: 'green', title: '绿色' },
  { key: 'none', title: '灰色' },
];

const count = new Intl.NumberFormat('zh-CN');
const byNumber = (key: keyof GridStat) => (a: GridStat, b: GridStat) => Number(a[key]) - Number(b[key]);
/** Grids without occupied houses have no rate; they sort below every rate. */
const byRate = (a: GridStat, b: GridStat) => (a.declarationRate ?? -1) - (b.declarationRate ?? -1);

function ColourBar({ stat }: { stat: GridStat }) {
  const total = stat.red + stat.yellow + stat.green + stat.none;
  if (total === 0) return null;
  return (
    <span className="colour-bar" aria-hidden>
      {COLOURS.map((c) =>
        stat[c.key] > 0 ? (
          <span key={c.key} className={`colour-${c.key}`} style={{ width: `${(stat[c.key] / total) * 100}%` }} />
        ) : null,
      )}
    </span>
  );
}

const columns: TableColumnsType<GridStat> = [
  {
    title: '网格',
    key: 'grid',
    render: (_, s) => (
      <>
        <Link to={`/residence/houses?gridCode=${encodeURIComponent(s.gridCode)}`}>{s.gridName}</Link>
        <div className="muted">{s.gridCode}</div>
      </>
    ),
  },
  { title: '社区', dataIndex: 'communityName', key: 'communityName' },
  {
    title: '房屋总数',
    dataIndex: 'houses',
    key: 'houses',
    sorter: byNumber('houses'),
    // The bar shows how the total splits into the four colours counted in the next columns.
    render: (n: number, s) => (
      <span className="colour-bar-row">
        <span className="nowrap">{count.format(n)}</span>
        <ColourBar stat={s} />
      </span>
    ),
  },
  ...COLOURS.map((c) => ({
    title: c.title,
    dataIndex: c.key,
    key: c.key,
    align: 'right' as const,
    sorter: byNumber(c.key),
    render: (n: number) => (
      <span className="nowrap">
        <span className={`colour-dot colour-${c.key}`} aria-hidden />
        {count.format(n)}
      </span>
    ),
  })),
  { title: '在住房屋', dataIndex: 'occupied', key: 'occupied', align: 'right', sorter: byNumber('occupied'), render: (n: number) => count.format(n) },
  {
    title: '申报率',
    dataIndex: 'declarationRate',
    key: 'declarationRate',
    align: 'right',
    sorter: byRate,
    render: (rate: number | null) => formatRate(rate),
  },
];

export function GridStatsPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'grid-stats')) {
    return <NoAccess title="网格颜色" who="只有网格员、督办员和系统管理员" />;
  }
  return <GridStats />;
}

function GridStats() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<{ regionId?: number }>();
  const regionId = positiveInt(params.get('regionId'));

  const regions = useLoad((signal) => listRegions(signal).then((r) => regionTree(r.items)), []);
  const stats = useLoad((signal) => getGridStats(regionId, signal), [regionId]);

  useEffect(() => {
    const error = stats.error ?? regions.error;
    if (error) message.error(errorMessage(error));
  }, [stats.error, regions.error, message]);

  useEffect(() => {
    form.setFieldsValue({ regionId });
  }, [form, regionId]);

  return (
    <>
      <PageHeading
        title="网格颜色"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={stats.reload} loading={stats.loading}>
            刷新
          </Button>
        }
      />
      <p className="page-intro">
        红色：有未申报人员；黄色：待核查或申报将到期；绿色：均已申报并核实；灰色：无在住人员。申报率 =
        在住房屋中非红色的比例。
      </p>
      <Form<{ regionId?: number }>
        form={form}
        name="grid-stats-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选区域"
        initialValues={{ regionId }}
      >
        <Form.Item label="区域" name="regionId">
          <TreeSelect
            placeholder="全部区域"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            loading={regions.loading}
            treeData={regions.data}
            style={{ width: 280 }}
            onChange={(value: number | undefined) => setParams(toSearchParams({ regionId: value }))}
          />
        </Form.Item>
      </Form>
      <Table<GridStat>
        aria-label="各网格房屋颜色与申报率"
        rowKey="gridCode"
        columns={columns}
        dataSource={stats.data?.items}
        loading={stats.loading}
        size="middle"
        scroll={{ x: 1000 }}
        pagination={{ defaultPageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个网格` }}
        locale={{ emptyText: stats.error ? '加载失败，请稍后重试' : '没有网格数据' }}
      />
    </>
  );
}
