// 执行记录: each time a rule ran (on its schedule, on an event, or by 立即执行), how many people matched, how
// many notices were queued and how many were skipped because the person already had that dedupe key.
import { Alert, Button, Drawer, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listRuleRuns, type Rule, type RuleRun } from '../../api/notices';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';
import { RUN_TRIGGER_LABELS } from './labels';

const count = new Intl.NumberFormat('zh-CN');

const columns: TableColumnsType<RuleRun> = [
  { title: '编号', dataIndex: 'id', key: 'id', width: 72 },
  {
    title: '触发方式',
    dataIndex: 'trigger',
    key: 'trigger',
    className: 'nowrap',
    render: (trigger: string) => RUN_TRIGGER_LABELS[trigger] ?? trigger,
  },
  { title: '符合条件', dataIndex: 'matched', key: 'matched', align: 'right', render: (n: number) => <span className="count">{count.format(n ?? 0)} 人</span> },
  { title: '加入队列', dataIndex: 'queued', key: 'queued', align: 'right', render: (n: number) => <span className="count">{count.format(n ?? 0)} 条</span> },
  { title: '去重跳过', dataIndex: 'deduped', key: 'deduped', align: 'right', render: (n: number) => <span className="count">{count.format(n ?? 0)} 人</span> },
  { title: '开始时间', dataIndex: 'startedAt', key: 'startedAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
  {
    title: '完成时间',
    dataIndex: 'finishedAt',
    key: 'finishedAt',
    className: 'nowrap',
    render: (at: string | null) => formatDateTime(at, '进行中'),
  },
];

export function RuleRunsDrawer(props: { rule: Rule | null; open: boolean; onClose: () => void; afterClose?: () => void }) {
  return (
    <Drawer
      title={props.rule ? `「${props.rule.name}」的执行记录` : '执行记录'}
      open={props.open}
      onClose={props.onClose}
      afterOpenChange={(open) => {
        if (!open) props.afterClose?.();
      }}
      size={760}
      destroyOnHidden
    >
      {/* Mounted only while open, so each opening shows the runs as they are now. */}
      {props.open && props.rule ? <RunsBody rule={props.rule} /> : null}
    </Drawer>
  );
}

function RunsBody({ rule }: { rule: Rule }) {
  const runs = useLoad((signal) => listRuleRuns(rule.id, signal), [rule.id]);
  const items = [...(runs.data?.items ?? [])].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return (
    <>
      <p>最近执行：{formatDateTime(rule.lastFiredAt, '尚未执行')}</p>
      {rule.nextRunAt ? <p>下次执行：{formatDateTime(rule.nextRunAt, '—')}</p> : null}
      {/* On a line of its own: a link inside a sentence would need more than colour to stand out. */}
      <p>
        <Link to={`/notices/deliveries?ruleId=${rule.id}`}>查看该规则的发送记录</Link>
      </p>
      {runs.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(runs.error)}
          action={<Button size="small" onClick={runs.reload}>重试</Button>}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<RuleRun>
        aria-label={`「${rule.name}」的执行记录`}
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={runs.loading}
        size="small"
        scroll={{ x: 680 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次` }}
        locale={{ emptyText: runs.error ? '加载失败，请稍后重试' : '该规则还没有执行过' }}
      />
    </>
  );
}
