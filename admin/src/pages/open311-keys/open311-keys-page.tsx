// Open311 密钥 (admin): credentials for outside systems that file events through the Open311 interface.
// A revoked key stays in the list, marked, so that the record of who had access is kept.
import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { listOpen311Keys, revokeOpen311Key, type Open311Key } from '../../api/open311-keys';
import { useLoad } from '../../api/use-load';
import { canUseEventScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { CreateKeyModal } from './create-key-modal';

export function Open311KeysPage() {
  const user = useSession()!.user;
  if (!canUseEventScreen(user.role, 'open311-keys')) return <NoAccess title="Open311 密钥" who="只有系统管理员" />;
  return <KeyList />;
}

function KeyList() {
  const { message, modal } = App.useApp();
  const keys = useLoad((signal) => listOpen311Keys(signal), []);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (keys.error) message.error(errorMessage(keys.error));
  }, [keys.error, message]);

  function confirmRevoke(key: Open311Key) {
    modal.confirm({
      title: `吊销密钥「${key.name}」？`,
      content: '吊销后，使用该密钥的系统将立即无法通过 Open311 接口提交或查询事件。此操作不能撤销。',
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { danger: true },
      // Throwing keeps the dialog open, so the person can read the error and decide again.
      onOk: async () => {
        try {
          await revokeOpen311Key(key.id);
          message.success(`已吊销密钥「${key.name}」`);
          keys.reload();
        } catch (error) {
          message.error(errorMessage(error));
          throw error;
        }
      },
    });
  }

  const columns: TableColumnsType<Open311Key> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at) },
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
        title="Open311 密钥"
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            新建密钥
          </Button>
        }
      />
      <p className="page-intro">外部系统（如 12345 热线）凭密钥通过 Open311 接口提交和查询事件。密钥只在创建时显示一次。</p>
      <Table<Open311Key>
        aria-label="Open311 密钥列表"
        rowKey="id"
        columns={columns}
        dataSource={keys.data?.items}
        loading={keys.loading}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: keys.error ? '加载失败，请稍后重试' : '还没有密钥' }}
      />
      <CreateKeyModal open={creating} onClose={() => setCreating(false)} onCreated={keys.reload} />
    </>
  );
}
