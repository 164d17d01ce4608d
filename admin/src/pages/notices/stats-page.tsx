// 推送统计 (supervisor, admin): for a date range (the last 30 days unless chosen) and optionally one rule,
// the totals by outcome, sent and read per day — as bars for the eye, with the same numbers in a sentence
// and a table — and per rule. Dates are the city's.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { getNoticeStats, listRules, type NoticeStats } from '../../api/notices';
import { useLoad } from '../../api/use-load';
import { canUseNotices } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { positiveInt, toSearchParams } from '../residence/list-params';
import { cityToday, formatRate, isDate, NOTICES_WHO } from './labels';
import './notices.css';

const TITLE = '推送统计';
const count = new Intl.NumberFormat('zh-CN');

type Totals = NoticeStats['totals'];
type RuleStat = NoticeStats['byRule'][number];
type DayStat = NoticeStats['byDay'][number];

/** In the order people ask: what arrived and was read, what waits and why, what went wrong. */
const TOTALS: { key: keyof Totals; title: string }[] = [
  { key: 'sent', title: '已送达' },
  { key: 'read', title: '已阅读' },
  { key: 'pending', title: '待发送' },
  { key: 'held', title: '免打扰顺延' },
  { key: 'capped', title: '超出频次顺延' },
  { key: 'deduped', title: '去重跳过' },
  { key: 'failed', title: '发送失败' },
  { key: 'expired', title: '已过期' },
];

interface Filters {
  from?: string;
  to?: string;
  ruleId?: number;
}

export function StatsPage() {
  const user = useSession()!.user;
  if (!canUseNotices(user.role)) return <NoAccess title={TITLE} who={NOTICES_WHO} />;
  return <Stats />;
}

function Stats() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();

  const fromParam = params.get('from');
  const from = isDate(fromParam) ? fromParam : cityToday(-29);
  const toParam = params.get('to');
  const to = isDate(toParam) ? toParam : cityToday();
  const ruleId = positiveInt(params.get('ruleId'));

  const rules = useLoad((signal) => listRules(signal), []);
  const stats = useLoad((signal) => getNoticeStats({ from, to, ruleId }, signal), [from, to, ruleId]);

  useEffect(() => {
    const error = stats.error ?? rules.error;
    if (error) message.error(errorMessage(error));
  }, [stats.error, rules.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ from, to, ruleId });
  }, [filterForm, from, to, ruleId]);

  const ruleName = ruleId ? rules.data?.items.find((r) => r.id === ruleId)?.name ?? `规则 ${ruleId}` : '全部规则';
  const data = stats.data;
  const days = useMemo(() => [...(data?.byDay ?? [])].sort((a, b) => a.date.localeCompare(b.date)), [data]);

  const ruleColumns: TableColumnsType<RuleStat> = [
    {
      title: '规则',
      key: 'name',
      render: (_, r) => <Link to={`/notices/rules/${r.ruleId}`}>{r.name}</Link>,
    },
    ...(['sent', 'held', 'capped', 'failed', 'read'] as const).map((key) => ({
      title: { sent: '已送达', held: '免打扰顺延', capped: '超频顺延', failed: '发送失败', read: '已阅读' }[key],
      dataIndex: key,
      key,
      align: 'right' as const,
      sorter: (a: RuleStat, b: RuleStat) => (a[key] ?? 0) - (b[key] ?? 0),
      render: (n: number) => <span className="count">{count.format(n ?? 0)}</span>,
    })),
    { title: '阅读率', key: 'rate', align: 'right', render: (_, r) => formatRate(r.read, r.sent) },
  ];

  const dayColumns: TableColumnsType<DayStat> = [
    { title: '日期', dataIndex: 'date', key: 'date', className: 'nowrap' },
    { title: '送达', dataIndex: 'sent', key: 'sent', align: 'right', render: (n: number) => <span className="count">{count.format(n ?? 0)}</span> },
    { title: '已阅读', dataIndex: 'read', key: 'read', align: 'right', render: (n: number) => <span className="count">{count.format(n ?? 0)}</span> },
    { title: '阅读率', key: 'rate', align: 'right', render: (_, d) => formatRate(d.read, d.sent) },
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={stats.reload} loading={stats.loading}>
            刷新
          </Button>
        }
      />
      <Form<Filters>
        form={filterForm}
        name="notice-stats-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选推送统计"
        initialValues={{ from, to, ruleId }}
        onFinish={(values) => setParams(toSearchParams({ from: values.from, to: values.to, ruleId: values.ruleId }))}
      >
        <Form.Item label="开始日期" name="from" rules={[{ required: true, message: '请选择开始日期' }]}>
          <Input type="date" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label="结束日期"
          name="to"
          dependencies={['from']}
          rules={[
            { required: true, message: '请选择结束日期' },
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
        <Form.Item label="规则" name="ruleId">
          <Select
            placeholder="全部规则"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={rules.loading}
            options={(rules.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            style={{ width: 220 }}
          />
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

      <p>
        {from} 至 {to}（北京时间），{ruleName}
        {data ? `：送达 ${count.format(data.totals.sent)} 条，已阅读 ${count.format(data.totals.read)} 条，阅读率 ${formatRate(data.totals.read, data.totals.sent)}。` : '。'}
      </p>

      <section className="detail-section" aria-labelledby="stats-totals-title">
        <h2 id="stats-totals-title" className="section-title">
          合计
        </h2>
        <Row gutter={[12, 12]} className="stat-cards">
          {TOTALS.map((t) => (
            <Col key={t.key} xs={12} sm={8} md={6} xl={3}>
              <Card>
                <Statistic
                  title={t.title}
                  loading={stats.loading && !data}
                  value={data ? count.format(data.totals[t.key] ?? 0) : '—'}
                  suffix={data ? '条' : undefined}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <section className="detail-section" aria-labelledby="stats-days-title">
        <h2 id="stats-days-title" className="section-title">
          每日送达与阅读
        </h2>
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={14}>
            <DayChart days={days} from={from} to={to} />
          </Col>
          <Col xs={24} lg={10}>
            <Table<DayStat>
              aria-label="每日送达与阅读"
              rowKey="date"
              columns={dayColumns}
              dataSource={days}
              loading={stats.loading}
              size="small"
              pagination={{ defaultPageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 天` }}
              locale={{ emptyText: stats.error ? '加载失败，请稍后重试' : '该时段没有发送记录' }}
            />
          </Col>
        </Row>
      </section>

      <section className="detail-section" aria-labelledby="stats-rules-title">
        <h2 id="stats-rules-title" className="section-title">
          各规则统计
        </h2>
        <Table<RuleStat>
          aria-label="各规则推送统计"
          rowKey="ruleId"
          columns={ruleColumns}
          dataSource={data?.byRule}
          loading={stats.loading}
          size="middle"
          scroll={{ x: 800 }}
          pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条规则` }}
          locale={{ emptyText: stats.error ? '加载失败，请稍后重试' : '该时段没有规则发送的通知' }}
        />
      </section>
    </>
  );
}

/** Bars of sent and read per day. The bars are for the eye only; the sentence below and the table beside
 *  carry the same numbers for everyone. */
function DayChart({ days, from, to }: { days: DayStat[]; from: string; to: string }) {
  const max = Math.max(1, ...days.map((d) => Math.max(d.sent ?? 0, d.read ?? 0)));
  const sent = days.reduce((sum, d) => sum + (d.sent ?? 0), 0);
  const read = days.reduce((sum, d) => sum + (d.read ?? 0), 0);
  const busiest = days.reduce<DayStat | null>((best, d) => (!best || d.sent > best.sent ? d : best), null);
  const summary =
    days.length === 0 || sent === 0
      ? `${from} 至 ${to} 没有送达的通知。`
      : `${from} 至 ${to} 共 ${days.length} 天，送达 ${count.format(sent)} 条，已阅读 ${count.format(read)} 条（阅读率 ${formatRate(read, sent)}）；送达最多的一天是 ${busiest?.date}（${count.format(busiest?.sent ?? 0)} 条）。`;
  const middle = days[Math.floor(days.length / 2)];

  return (
    <figure className="day-chart">
      <ul className="day-chart-legend" aria-hidden>
        <li>
          <span className="day-chart-swatch sent" />
          送达
        </li>
        <li>
          <span className="day-chart-swatch read" />
          已阅读
        </li>
      </ul>
      <div className="day-chart-plot" aria-hidden>
        {days.map((d) => (
          <div key={d.date} className="day-chart-day" title={`${d.date}：送达 ${d.sent ?? 0} 条，已阅读 ${d.read ?? 0} 条`}>
            <span className="day-chart-bar sent" style={{ height: `${((d.sent ?? 0) / max) * 100}%` }} />
            <span className="day-chart-bar read" style={{ height: `${((d.read ?? 0) / max) * 100}%` }} />
          </div>
        ))}
      </div>
      {days.length > 0 ? (
        <div className="day-chart-axis" aria-hidden>
          <span>{days[0].date}</span>
          {days.length > 2 ? <span>{middle.date}</span> : null}
          {days.length > 1 ? <span>{days[days.length - 1].date}</span> : null}
        </div>
      ) : null}
      <figcaption className="day-chart-summary">{summary}</figcaption>
    </figure>
  );
}
