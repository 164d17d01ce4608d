// 核查任务: the grid worker's list of houses and declarations to look at on the ground, usable on a phone
// (cards below 768 px). 确认属实 / 核查不符 are drawn only on open tasks, for the roles that verify; the
// answer replaces the task in the list, a 409 reloads the list.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listTasks, type TaskFilter, type TaskOutcome, type VerificationTask } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canResolveTasks, canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from './list-params';
import { OUTCOME_LABELS, TaskResolveModal } from './task-resolve-modal';
import { TaskCards, TaskTable } from './task-views';
import { useNarrow } from './use-narrow';
import './residence.css';

/** `all` is this page's own word for "no status filter"; the API knows open and done. */
type StatusChoice = TaskFilter | 'all';

const STATUS_CHOICES: { value: StatusChoice; label: string }[] = [
  { value: 'open', label: '待核查' },
  { value: 'done', label: '已完成' },
  { value: 'all', label: '全部' },
];

interface Filters {
  status: StatusChoice;
  gridCode?: string;
}

function statusChoice(value: string | null): StatusChoice {
  return value === 'done' || value === 'all' ? value : 'open';
}

export function TasksPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'tasks')) {
    return <NoAccess title="核查任务" who="只有网格员、督办员和系统管理员" />;
  }
  return <TaskList canResolve={canResolveTasks(user.role)} />;
}

function TaskList({ canResolve }: { canResolve: boolean }) {
  const { message } = App.useApp();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const [answering, setAnswering] = useState<{ task: VerificationTask; outcome: TaskOutcome } | null>(null);
  const [open, setOpen] = useState(false);

  const status = statusChoice(params.get('status'));
  const gridCode = params.get('gridCode') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  const highlight = positiveInt(params.get('task'));

  const tasks = useLoad(
    (signal) => listTasks({ status: status === 'all' ? undefined : status, gridCode, page, pageSize }, signal),
    [status, gridCode, page, pageSize],
  );

  useEffect(() => {
    if (tasks.error) message.error(errorMessage(tasks.error));
  }, [tasks.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ status, gridCode });
  }, [filterForm, status, gridCode]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    const merged = { status, gridCode, page, pageSize, ...next };
    setParams(toSearchParams({ ...merged, status: merged.status === 'open' ? undefined : merged.status }));
  }

  function onDone(next: VerificationTask) {
    const data = tasks.data;
    if (data) tasks.replace({ ...data, items: data.items.map((t) => (t.id === next.id ? next : t)) });
    message.success(`任务 ${next.id}：${answering ? OUTCOME_LABELS[answering.outcome] : '已提交'}，当前状态为「${next.statusName}」`);
  }

  const view = {
    tasks: tasks.data?.items ?? [],
    loading: tasks.loading,
    emptyText: tasks.error ? '加载失败，请稍后重试' : status === 'open' ? '暂无待核查任务' : '没有符合条件的任务',
    onAnswer: canResolve
      ? (task: VerificationTask, outcome: TaskOutcome) => {
          setAnswering({ task, outcome });
          setOpen(true);
        }
      : null,
    highlight,
    pagination: pagination(page, pageSize, tasks.data?.total, '个任务'),
    onPage: (change: Parameters<typeof nextPage>[0]) => update(nextPage(change, pageSize)),
  };

  return (
    <>
      <PageHeading
        title="核查任务"
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={tasks.reload} loading={tasks.loading}>
            刷新
          </Button>
        }
      />
      <p className="page-intro">需要到现场核实的申报和房屋。核实后选择“确认属实”或“核查不符”，可附现场照片。</p>
      {canResolve ? null : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="您可以查看核查任务；核查由网格员或督办员完成。" />
      )}
      <Form<Filters>
        form={filterForm}
        name="task-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选核查任务"
        initialValues={{ status, gridCode }}
        onFinish={(values) => update({ ...values, page: 1 })}
      >
        <Form.Item label="状态" name="status">
          <Select options={STATUS_CHOICES} style={{ width: 110 }} onChange={() => filterForm.submit()} />
        </Form.Item>
        <Form.Item label="网格编码" name="gridCode">
          <Input allowClear autoComplete="off" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {narrow ? <TaskCards {...view} /> : <TaskTable {...view} />}
      {answering ? (
        <TaskResolveModal
          task={answering.task}
          outcome={answering.outcome}
          open={open}
          onClose={() => setOpen(false)}
          onDone={(next) => {
            setOpen(false);
            onDone(next);
          }}
          onStale={() => {
            setOpen(false);
            message.warning('该任务状态已变化，已刷新');
            tasks.reload();
          }}
          afterClose={() => setAnswering(null)}
        />
      ) : null}
    </>
  );
}
