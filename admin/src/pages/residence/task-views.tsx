// One verification task as a table (desk) or as cards (phone, below 768 px): the house, the declaration, why
// it needs a look, and once done what the grid worker found. The two buttons appear only on an open task and
// only for the roles that verify; the server still checks both.
import { Button, Card, Pagination, Spin, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { TaskOutcome, VerificationTask } from '../../api/residence';
import { formatDateTime } from '../../ui/format';
import { PhotoStrip } from '../events/event-photos';
import { personName } from './labels';
import { DeclarationStatusTag, RiskTags, TaskStatusTag, ToneTag } from './residence-tags';
import { OUTCOME_LABELS } from './task-resolve-modal';

export interface TaskViewProps {
  tasks: VerificationTask[];
  loading: boolean;
  emptyText: string;
  /** null: this person reads tasks but does not verify them. */
  onAnswer: ((task: VerificationTask, outcome: TaskOutcome) => void) | null;
  highlight?: number;
  pagination: TablePaginationConfig;
  onPage: (change: TablePaginationConfig) => void;
}

function TaskHouse({ task }: { task: VerificationTask }) {
  return (
    <>
      <Link to={`/residence/houses/${encodeURIComponent(task.house.code)}`}>{task.house.code}</Link>
      <div>{task.house.address}</div>
      <div className="muted">
        {task.house.gridName}（{task.house.gridCode}）
      </div>
    </>
  );
}

function TaskDeclaration({ task }: { task: VerificationTask }) {
  const d = task.declaration;
  if (!d) return <span className="muted">无（针对房屋）</span>;
  return (
    <>
      <div>
        <Link to={`/residence/declarations/${d.id}`}>{d.name}</Link>
      </div>
      <div className="nowrap">{d.idNumberMasked}</div>
      <div>
        <DeclarationStatusTag status={d.status} statusName={d.statusName} />
      </div>
    </>
  );
}

function TaskResult({ task }: { task: VerificationTask }) {
  if (task.status === 'open') return <span className="muted">待核查</span>;
  const by = personName(task.resolvedBy);
  return (
    <>
      <div>
        {by ? `${by} · ` : ''}
        {formatDateTime(task.resolvedAt)}
      </div>
      {task.note ? <p className="timeline-note">{task.note}</p> : null}
      <PhotoStrip photos={task.photos ?? []} label={`任务 ${task.id} 核查照片`} />
    </>
  );
}

function TaskButtons({ task, onAnswer, block }: { task: VerificationTask; onAnswer: TaskViewProps['onAnswer']; block?: boolean }) {
  if (!onAnswer || task.status !== 'open') return null;
  const subject = <span className="sr-only">（任务 {task.id}，房屋 {task.house.code}）</span>;
  return (
    <div className={block ? 'task-buttons task-buttons-block' : 'task-buttons'}>
      {(['confirm', 'reject'] as const).map((outcome) => (
        <Button
          key={outcome}
          type={outcome === 'confirm' ? 'primary' : 'default'}
          danger={outcome === 'reject'}
          onClick={() => onAnswer(task, outcome)}
        >
          {OUTCOME_LABELS[outcome]}
          {subject}
        </Button>
      ))}
    </div>
  );
}

function TaskKind({ task }: { task: VerificationTask }) {
  return (
    <span className="tag-list">
      <ToneTag tone="processing">{task.kindName}</ToneTag>
      <TaskStatusTag status={task.status} statusName={task.statusName} />
    </span>
  );
}

export function TaskTable(props: TaskViewProps) {
  const columns: TableColumnsType<VerificationTask> = [
    { title: '任务', key: 'kind', render: (_, t) => <TaskKind task={t} /> },
    { title: '房屋', key: 'house', render: (_, t) => <TaskHouse task={t} /> },
    { title: '申报', key: 'declaration', render: (_, t) => <TaskDeclaration task={t} /> },
    { title: '核查原因', key: 'reasons', render: (_, t) => <RiskTags risks={t.reasons} /> },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
    { title: '核查结果', key: 'result', render: (_, t) => <TaskResult task={t} /> },
    ...(props.onAnswer
      ? [{ title: '操作', key: 'actions', fixed: 'right' as const, render: (_: unknown, t: VerificationTask) => <TaskButtons task={t} onAnswer={props.onAnswer} /> }]
      : []),
  ];
  return (
    <Table<VerificationTask>
      aria-label="核查任务列表"
      rowKey="id"
      columns={columns}
      dataSource={props.tasks}
      loading={props.loading}
      rowClassName={(t) => (t.id === props.highlight ? 'task-highlight' : '')}
      onChange={props.onPage}
      size="middle"
      scroll={{ x: 1200 }}
      pagination={props.pagination}
      locale={{ emptyText: props.emptyText }}
    />
  );
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function TaskCards(props: TaskViewProps) {
  const { pagination } = props;
  return (
    <Spin spinning={props.loading}>
      {props.tasks.length === 0 ? (
        <p className="muted">{props.loading ? '正在加载…' : props.emptyText}</p>
      ) : (
        <ul className="task-cards" aria-label="核查任务列表">
          {props.tasks.map((t) => (
            <li key={t.id}>
              <Card
                size="small"
                className={`task-card${t.id === props.highlight ? ' task-highlight' : ''}`}
                title={<TaskKind task={t} />}
              >
                <dl>
                  <Field term="房屋">
                    <TaskHouse task={t} />
                  </Field>
                  <Field term="申报">
                    <TaskDeclaration task={t} />
                  </Field>
                  <Field term="核查原因">
                    <RiskTags risks={t.reasons} />
                  </Field>
                  <Field term="创建时间">{formatDateTime(t.createdAt)}</Field>
                  {t.status !== 'open' ? (
                    <Field term="核查结果">
                      <TaskResult task={t} />
                    </Field>
                  ) : null}
                </dl>
                <TaskButtons task={t} onAnswer={props.onAnswer} block />
              </Card>
            </li>
          ))}
        </ul>
      )}
      {(pagination.total ?? 0) > (pagination.pageSize ?? 0) ? (
        <Pagination
          simple
          style={{ marginTop: 16, justifyContent: 'center' }}
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={(current, pageSize) => props.onPage({ current, pageSize })}
        />
      ) : null}
    </Spin>
  );
}
