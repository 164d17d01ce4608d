// 数据碰撞: comparing other departments' rental reports with the declarations, every night at 02:00 and on
// demand (立即碰撞, supervisor and admin). The runs, and what the chosen one found.
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  FINDING_KINDS,
  listCollisionRuns,
  runCollision,
  RUN_TRIGGERS,
  type CollisionRun,
  type FindingKind,
} from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canRunCollisions, canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { useIdempotencyKey } from '../../ui/idempotency';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { CollisionFindings } from './collision-findings';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from './list-params';
import { ToneTag } from './residence-tags';

/** While a run is unfinished the list is asked again this often. */
const POLL_MS = 2000;
const count = new Intl.NumberFormat('zh-CN');

const isFindingKind = (value: string | null): value is FindingKind => FINDING_KINDS.some((k) => k.value === value);

export function CollisionsPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'collisions')) {
    return <NoAccess title="数据碰撞" who="只有网格员、督办员和系统管理员" />;
  }
  return <Collisions canRun={canRunCollisions(user.role)} />;
}

function Collisions({ canRun }: { canRun: boolean }) {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [starting, setStarting] = useState(false);
  const idempotency = useIdempotencyKey();

  const runParam = positiveInt(params.get('run'));
  const kindParam = params.get('kind');
  const kind = isFindingKind(kindParam) ? kindParam : undefined;
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const runs = useLoad((signal) => listCollisionRuns(signal), []);
  // Newest first, whatever order the API sends.
  const items = useMemo(
    () => [...(runs.data?.items ?? [])].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)),
    [runs.data],
  );
  const running = items.some((r) => !r.finishedAt);

  useEffect(() => {
    if (runs.error) message.error(errorMessage(runs.error));
  }, [runs.error, message]);

  // Poll the list while any run is unfinished: the one just started, or tonight's still going.
  const { reload } = runs;
  useEffect(() => {
    if (!running || runs.loading) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, runs.loading, runs.data, reload]);

  const selected = items.find((r) => r.id === runParam) ?? items[0];

  function show(next: { run?: number; kind?: FindingKind; page?: number; pageSize?: number }) {
    setParams(toSearchParams({ run: selected?.id, kind, page, pageSize, ...next }));
  }

  async function start() {
    setStarting(true);
    try {
      const run = await runCollision(idempotency.keyFor({}));
      idempotency.reset();
      message.success(`已开始第 ${run.id} 次碰撞`);
      setParams(toSearchParams({ run: run.id }));
      reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setStarting(false);
    }
  }

  const columns: TableColumnsType<CollisionRun> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 72 },
    { title: '触发方式', dataIndex: 'trigger', key: 'trigger', className: 'nowrap', render: (t: CollisionRun['trigger']) => RUN_TRIGGERS[t] ?? t },
    {
      title: '状态',
      key: 'status',
      render: (_, r) => <ToneTag tone={r.finishedAt ? 'success' : 'processing'}>{r.statusName}</ToneTag>,
    },
    { title: '比对报送', dataIndex: 'reportsCompared', key: 'reportsCompared', align: 'right', render: (n: number) => count.format(n) },
    { title: '未申报', dataIndex: 'undeclared', key: 'undeclared', align: 'right', render: (n: number) => count.format(n) },
    { title: '申报但空置', dataIndex: 'declaredButEmpty', key: 'declaredButEmpty', align: 'right', render: (n: number) => count.format(n) },
    { title: '生成事件', dataIndex: 'eventsCreated', key: 'eventsCreated', align: 'right', render: (n: number) => count.format(n) },
    { title: '生成任务', dataIndex: 'tasksCreated', key: 'tasksCreated', align: 'right', render: (n: number) => count.format(n) },
    { title: '开始时间', dataIndex: 'startedAt', key: 'startedAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
    { title: '完成时间', dataIndex: 'finishedAt', key: 'finishedAt', className: 'nowrap', render: (at: string | null) => formatDateTime(at, '进行中') },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      // A button on every row, the one on view pressed: the table always has something to reach by keyboard.
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          aria-pressed={r.id === selected?.id}
          onClick={() => show({ run: r.id, kind: undefined, page: 1 })}
        >
          查看结果<span className="sr-only">（第 {r.id} 次）</span>
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title="数据碰撞"
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} loading={runs.loading && !runs.data}>
              刷新
            </Button>
            {canRun ? (
              <Button
                type="primary"
                icon={<ThunderboltOutlined aria-hidden />}
                loading={starting}
                onClick={start}
              >
                立即碰撞
              </Button>
            ) : null}
          </Space>
        }
      />
      <p className="page-intro">
        将派出所、计生、人民调解、安全检查、水电燃气等部门报送的出租屋信息与居住申报比对：有人居住但未申报的房屋生成执法事件并提醒房东；报送空置但有人申报的房屋生成网格员核查任务。每晚
        02:00 自动运行{canRun ? '，也可立即运行' : ''}。
      </p>
      <p role="status" className="muted">
        {running ? '有碰撞正在进行，列表每 2 秒自动刷新。' : ''}
      </p>
      <Table<CollisionRun>
        aria-label="碰撞记录列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        // Polling reloads quietly; only the first load shows the spinner.
        loading={runs.loading && !runs.data}
        size="middle"
        scroll={{ x: 1200 }}
        rowClassName={(r) => (r.id === selected?.id ? 'task-highlight' : '')}
        pagination={{ defaultPageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次` }}
        locale={{ emptyText: runs.error ? '加载失败，请稍后重试' : '还没有碰撞记录' }}
      />
      {selected ? (
        <div style={{ marginTop: 24 }}>
          <CollisionFindings
            run={selected}
            kind={kind}
            page={page}
            pageSize={pageSize}
            onChange={(next) => show(next)}
          />
        </div>
      ) : null}
    </>
  );
}
