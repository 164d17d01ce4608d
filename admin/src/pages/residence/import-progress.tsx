// One import as it runs and as it ended: asked for every second while the server says `running`, with the
// lines processed as a bar and in words; when it failed, the lines and fields at fault.
import { Alert, Descriptions, Progress, Spin, Table, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../../api/client';
import { getImport, type DataImport, type ImportError } from '../../api/residence';
import { formatDateTime } from '../../ui/format';

const POLL_MS = 1000;
/** After a failed poll (network, a restarting server) wait longer before asking again. */
const RETRY_MS = 3000;
const count = new Intl.NumberFormat('zh-CN');

/** Follows GET /imports/{id} until the import is no longer running; `onSettled` once it is done or failed
 *  (so the list beside it shows the same state). */
function usePolledImport(id: number, onSettled: () => void) {
  const [data, setData] = useState<DataImport>();
  const [error, setError] = useState<unknown>();
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  }, [onSettled]);

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    setData(undefined);
    setError(undefined);
    async function tick() {
      try {
        const next = await getImport(id, controller.signal);
        if (controller.signal.aborted) return;
        setData(next);
        setError(undefined);
        if (next.status === 'running') timer = window.setTimeout(tick, POLL_MS);
        else settled.current();
      } catch (reason) {
        if (controller.signal.aborted || isAbort(reason)) return;
        setError(reason);
        timer = window.setTimeout(tick, RETRY_MS);
      }
    }
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [id]);

  return { data, error };
}

const errorColumns: TableColumnsType<ImportError> = [
  { title: '行号', dataIndex: 'line', key: 'line', width: 90, align: 'right' },
  { title: '字段', dataIndex: 'field', key: 'field', width: 180, render: (f: string) => <code>{f || '—'}</code> },
  { title: '问题', dataIndex: 'message', key: 'message' },
];

export function ImportProgress(props: {
  id: number;
  /** Data lines counted in the browser, when this page uploaded the file. */
  expectedLines: number | null;
  onSettled: () => void;
}) {
  const { data, error } = usePolledImport(props.id, props.onSettled);

  if (!data) {
    return error ? (
      <Alert type="error" showIcon role="alert" title={`导入 ${props.id} 加载失败：${errorMessage(error)}`} />
    ) : (
      <Spin tip="正在加载导入进度…">
        <div style={{ minHeight: 80 }} />
      </Spin>
    );
  }

  const total = props.expectedLines;
  const processed = `已处理 ${count.format(data.processedLines)}${total ? ` / 约 ${count.format(total)}` : ''} 行`;
  const percent =
    data.status === 'done'
      ? 100
      : total
        ? Math.min(99, Math.floor((data.processedLines / total) * 100))
        : undefined;

  return (
    <section aria-labelledby="import-progress-title" className="detail-section">
      <h3 id="import-progress-title" className="subsection-title">
        导入 {data.id}：{data.filename}（{data.kindName}）
      </h3>
      {error ? (
        <Alert type="warning" showIcon title={`暂时无法获取最新进度，稍后自动重试：${errorMessage(error)}`} style={{ marginBottom: 8 }} />
      ) : null}
      {/* Only the state is announced; the line count changes every second and would drown everything. */}
      <p role="status" style={{ margin: '0 0 4px' }}>
        状态：{data.statusName}
      </p>
      {percent === undefined ? <p style={{ margin: 0 }}>{processed}</p> : null}
      {percent !== undefined ? (
        <Progress
          percent={percent}
          status={data.status === 'failed' ? 'exception' : data.status === 'done' ? 'success' : 'active'}
          format={() => processed}
          aria-label="导入进度"
          aria-valuetext={processed}
          style={{ maxWidth: 720 }}
        />
      ) : null}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'applied', label: '已导入', children: `${count.format(data.appliedLines)} 行` },
          { key: 'errors', label: '错误', children: `${count.format(data.errorCount)} 处` },
          { key: 'finished', label: '完成时间', children: formatDateTime(data.finishedAt, '进行中') },
        ]}
      />
      {data.status === 'failed' ? <ImportErrors data={data} /> : null}
    </section>
  );
}

function ImportErrors({ data }: { data: DataImport }) {
  const shown = data.errors.length;
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ margin: '8px 0 12px' }}
        title="导入失败，文件中的数据均未写入"
        description={
          shown < data.errorCount
            ? `共 ${count.format(data.errorCount)} 处错误，下面列出前 ${count.format(shown)} 处。请修改后重新上传整个文件。`
            : '请按下面的错误修改后重新上传整个文件。'
        }
      />
      <Table<ImportError>
        aria-label="导入错误列表"
        rowKey={(e) => `${e.line}:${e.field}:${e.message}`}
        size="small"
        columns={errorColumns}
        dataSource={data.errors}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '没有错误明细' }}
      />
    </>
  );
}
