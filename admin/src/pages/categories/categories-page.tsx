// 事件类别 (admin): what residents can report, how urgent each kind is, which type of unit handles it and
// the response and resolution deadlines the SLA clock counts against.
import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { listCategories, type Category } from '../../api/categories';
import { errorMessage } from '../../api/client';
import { getMeta } from '../../api/meta';
import { useLoad } from '../../api/use-load';
import { canUseEventScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { CategoryFormModal } from './category-form-modal';

export function CategoriesPage() {
  const user = useSession()!.user;
  if (!canUseEventScreen(user.role, 'categories')) return <NoAccess title="事件类别" who="只有系统管理员" />;
  return <CategoryList />;
}

function CategoryList() {
  const { message } = App.useApp();
  const categories = useLoad((signal) => listCategories(signal, { includeInactive: true }), []);
  const meta = useLoad(() => getMeta(), []);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Category | null>(null);

  useEffect(() => {
    const error = categories.error ?? meta.error;
    if (error) message.error(errorMessage(error));
  }, [categories.error, meta.error, message]);

  const columns: TableColumnsType<Category> = [
    { title: '类别编码', dataIndex: 'code', key: 'code' },
    { title: '类别名称', dataIndex: 'name', key: 'name' },
    { title: '紧急程度', dataIndex: 'levelName', key: 'levelName' },
    { title: '责任单位类型', dataIndex: 'unitTypeName', key: 'unitTypeName' },
    { title: '响应时限（小时）', dataIndex: 'responseHours', key: 'responseHours', align: 'right' },
    { title: '处置时限（小时）', dataIndex: 'resolutionHours', key: 'resolutionHours', align: 'right' },
    {
      title: '自动派遣',
      dataIndex: 'autoDispatch',
      key: 'autoDispatch',
      render: (auto: boolean) => (auto ? '是' : '否'),
    },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? '启用' : '停用'} />,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, category) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setEditing(category);
            setOpen(true);
          }}
        >
          编辑<span className="sr-only">「{category.name}」</span>
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title="事件类别"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            新建类别
          </Button>
        }
      />
      <Table<Category>
        aria-label="事件类别"
        rowKey="code"
        columns={columns}
        dataSource={categories.data?.items}
        loading={categories.loading}
        scroll={{ x: 960 }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => `共 ${total} 个类别`,
        }}
        locale={{ emptyText: categories.error ? '加载失败，请稍后重试' : '暂无类别' }}
      />
      <CategoryFormModal
        open={open}
        editing={editing}
        unitTypes={meta.data?.unitTypes ?? []}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          categories.reload();
        }}
      />
    </>
  );
}
