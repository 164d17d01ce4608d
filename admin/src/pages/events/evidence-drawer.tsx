// 留痕记录: the hash chain behind an event's history. Each record carries the hash of the one before, so an
// edited or deleted record breaks the chain from that point on; the server checks it and says where.
import { Alert, Drawer, Table, type TableColumnsType } from 'antd';
import { errorMessage } from '../../api/client';
import { getEvidence, type EvidenceRecord } from '../../api/events';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';

/** Enough of a SHA-256 to compare by eye with another copy; the full value is in the cell's title. */
const HASH_PREFIX = 12;

export function EvidenceDrawer(props: {
  code: string;
  open: boolean;
  /** action → Chinese name, from the timeline; the evidence records carry only the action's code. */
  actionNames: Record<string, string>;
  onClose: () => void;
}) {
  return (
    <Drawer title="留痕记录" open={props.open} onClose={props.onClose} size={640} destroyOnHidden>
      {/* Mounted only while open, so each opening checks the chain afresh. */}
      {props.open ? <EvidenceBody code={props.code} actionNames={props.actionNames} /> : null}
    </Drawer>
  );
}

function EvidenceBody({ code, actionNames }: { code: string; actionNames: Record<string, string> }) {
  const evidence = useLoad((signal) => getEvidence(code, signal), [code]);
  const data = evidence.data;

  const columns: TableColumnsType<EvidenceRecord> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 64 },
    {
      title: '操作',
      dataIndex: 'action',
      key: 'action',
      render: (action: string, record) => (
        <>
          {actionNames[action] ?? action}
          {data?.brokenAt === record.seq ? <strong className="evidence-broken">（校验失败）</strong> : null}
        </>
      ),
    },
    { title: '时间', dataIndex: 'at', key: 'at', render: (at: string) => formatDateTime(at) },
    {
      title: `哈希（前 ${HASH_PREFIX} 位）`,
      dataIndex: 'hash',
      key: 'hash',
      render: (hash: string) => (
        <code className="hash" title={hash}>
          {hash.slice(0, HASH_PREFIX)}
        </code>
      ),
    },
  ];

  return (
    <>
      {evidence.error ? (
        <Alert type="error" showIcon role="alert" title={errorMessage(evidence.error)} />
      ) : data ? (
        data.verified ? (
          <Alert type="success" showIcon title="留痕校验通过：记录完整，未被改动。" />
        ) : (
          <Alert
            type="error"
            showIcon
            title="留痕校验失败"
            description={
              data.brokenAt !== null
                ? `自第 ${data.brokenAt} 条记录起哈希链断裂，该条及之后的记录可能被改动。`
                : '哈希链不完整，记录可能被改动。'
            }
          />
        )
      ) : null}
      <Table<EvidenceRecord>
        aria-label="留痕记录"
        style={{ marginTop: 16 }}
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={data?.records}
        loading={evidence.loading}
        pagination={false}
        locale={{ emptyText: evidence.error ? '加载失败，请稍后重试' : '暂无留痕记录' }}
      />
    </>
  );
}
