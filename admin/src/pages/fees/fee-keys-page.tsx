// 接口密钥 (admin): the keys with which the tax office's, the bureau's and finance's systems sign the ledger
// rows they post (POST /fees/payments), and how to sign. A revoked key stays in the list, marked, so that
// the record of who had access is kept.
import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { API_BASE, errorMessage } from '../../api/client';
import { listFeeKeys, revokeFeeKey, type FeeKey } from '../../api/fees';
import { useLoad } from '../../api/use-load';
import { canUseFeeScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { CreateFeeKeyModal } from './create-fee-key-modal';
import './fees.css';

/** A shell recipe an integrator can try as it stands; the body must be sent byte for byte as signed. */
const EXAMPLE = `TS=$(date +%s)
BODY='{"externalId":"T-202605-0001","idNumber":"<证件号>","period":"2026-05","insuranceType":"pension","paidEmployerFen":80000,"paidPersonalFen":32000}'
SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
curl -X POST "https://<服务地址>${API_BASE}/fees/payments" \\
  -H 'Content-Type: application/json' \\
  -H "X-Weave-Key: $KEY_ID" -H "X-Weave-Timestamp: $TS" -H "X-Weave-Signature: $SIG" \\
  --data-raw "$BODY"`;

export function FeeKeysPage() {
  const user = useSession()!.user;
  if (!canUseFeeScreen(user.role, 'keys')) return <NoAccess title="接口密钥" who="只有系统管理员" />;
  return <KeyList />;
}

function KeyList() {
  const { message, modal } = App.useApp();
  const keys = useLoad((signal) => listFeeKeys(signal), []);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (keys.error) message.error(errorMessage(keys.error));
  }, [keys.error, message]);

  function confirmRevoke(key: FeeKey) {
    modal.confirm({
      title: `吊销密钥「${key.name}」？`,
      content: `吊销后，使用该密钥（${key.keyId}）的${key.sourceName}系统将立即无法报送缴费记录。此操作不能撤销。`,
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: true },
      // Throwing keeps the dialog open, so the person can read the error and decide again.
      onOk: async () => {
        try {
          await revokeFeeKey(key.id);
          message.success(`已吊销密钥「${key.name}」`);
          keys.reload();
        } catch (error) {
          message.error(errorMessage(error));
          throw error;
        }
      },
    });
  }

  const columns: TableColumnsType<FeeKey> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '来源部门', dataIndex: 'sourceName', key: 'sourceName', className: 'nowrap' },
    {
      title: '密钥编号',
      dataIndex: 'keyId',
      key: 'keyId',
      render: (keyId: string) => <code className="hash">{keyId}</code>,
    },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
    {
      title: '状态',
      key: 'state',
      render: (_, key) =>
        key.revokedAt ? (
          <Badge status="default" text={`已吊销（${formatDateTime(key.revokedAt)}）`} />
        ) : (
          <Badge status="success" text="有效" />
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, key) =>
        key.revokedAt ? null : (
          <Button type="link" danger size="small" onClick={() => confirmRevoke(key)}>
            吊销<span className="sr-only">「{key.name}」</span>
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeading
        title="接口密钥"
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            新建密钥
          </Button>
        }
      />
      <p className="page-intro">
        税务、社保、财政的业务系统凭密钥实时报送缴费台账，报送即对缴费人可见。每个密钥属于一个来源部门，密钥只在创建时显示一次。
      </p>
      <Table<FeeKey>
        aria-label="接口密钥列表"
        rowKey="id"
        columns={columns}
        dataSource={keys.data?.items}
        loading={keys.loading}
        scroll={{ x: 900 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: keys.error ? '加载失败，请稍后重试' : '还没有密钥' }}
      />
      <section aria-labelledby="fee-sign-title" className="detail-section" style={{ marginTop: 24 }}>
        <h2 id="fee-sign-title" className="section-title" style={{ marginBottom: 12 }}>
          如何签名
        </h2>
        <ol className="help-list">
          <li>
            向 <code>POST {API_BASE}/fees/payments</code> 发送 JSON 请求体，并带上三个请求头：
            <code>X-Weave-Key</code>（密钥编号）、<code>X-Weave-Timestamp</code>（当前 Unix 时间，单位秒，与服务器相差不超过 300 秒）、
            <code>X-Weave-Signature</code>（签名）。
          </li>
          <li>
            签名 = 以密钥为键，对字符串 <code>{'{timestamp}.{原始请求体}'}</code> 计算 HMAC-SHA-256，取小写十六进制。请求体须与签名时逐字节一致。
          </li>
          <li>每个签名只能使用一次；重试时请用新的时间戳重新签名，同一 externalId 内容相同的重试不会重复记账。</li>
          <li>密钥错误、已吊销、签名不符或时间戳过期时，服务器返回 401。</li>
        </ol>
        <p className="muted" style={{ margin: '12px 0 0' }}>
          示例（shell，KEY_ID 与 SECRET 为创建时显示的密钥编号和密钥）：
        </p>
        <pre className="code-block">
          <code>{EXAMPLE}</code>
        </pre>
      </section>
      <CreateFeeKeyModal open={creating} onClose={() => setCreating(false)} onCreated={keys.reload} />
    </>
  );
}
