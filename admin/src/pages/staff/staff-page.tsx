// 人员: staff accounts. Readable by supervisors and admins; only admins create them.
import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Form, Result, Select, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { getMeta } from '../../api/meta';
import { listRegions } from '../../api/regions';
import { listStaff, type StaffMember } from '../../api/staff';
import { listUnits } from '../../api/units';
import { useLoad } from '../../api/use-load';
import { canCreateStaff, canReadStaff } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { PageHeading } from '../../ui/page-heading';
import { CreateStaffModal } from './create-staff-modal';

const columns: TableColumnsType<StaffMember> = [
  { title: '用户名', dataIndex: 'username', key: 'username' },
  { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
  { title: '角色', dataIndex: 'roleName', key: 'roleName' },
  { title: '所属区域', dataIndex: 'regionName', key: 'regionName' },
  { title: '所属单位', dataIndex: 'unitName', key: 'unitName', render: (name: string | null) => name || '未分配' },
  {
    title: '状态',
    dataIndex: 'active',
    key: 'active',
    render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? '启用' : '停用'} />,
  },
];

interface Filters {
  role?: string;
  unitId?: number;
}

export function StaffPage() {
  const user = useSession()!.user;
  // The menu hides 人员 from other roles; someone who follows a link still gets a clear answer.
  if (!canReadStaff(user.role)) {
    return (
      <>
        <PageHeading title="人员" />
        <Result status="403" title="没有权限" subTitle="只有督办员和系统管理员可以查看人员。" />
      </>
    );
  }
  return <StaffList canCreate={canCreateStaff(user.role)} />;
}

function StaffList({ canCreate }: { canCreate: boolean }) {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const role = params.get('role') ?? '';
  const unitIdParam = Number(params.get('unitId'));
  const unitId = Number.isInteger(unitIdParam) && unitIdParam > 0 ? unitIdParam : undefined;
  const [filterForm] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);

  const meta = useLoad(() => getMeta(), []);
  const units = useLoad((signal) => listUnits({}, signal).then((r) => r.items), []);
  const staff = useLoad((signal) => listStaff({ role, unitId }, signal), [role, unitId]);
  const regions = useLoad(
    (signal) => (canCreate ? listRegions(signal).then((r) => r.items) : Promise.resolve([])),
    [canCreate],
  );

  useEffect(() => {
    const error = staff.error ?? meta.error ?? units.error;
    if (error) message.error(errorMessage(error));
  }, [staff.error, meta.error, units.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ role: role || undefined, unitId });
  }, [filterForm, role, unitId]);

  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));

  function applyFilters(values: Filters) {
    const next = new URLSearchParams();
    if (values.role) next.set('role', values.role);
    if (values.unitId) next.set('unitId', String(values.unitId));
    setParams(next);
  }

  return (
    <>
      <PageHeading
        title="人员"
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建人员
            </Button>
          ) : null
        }
      />
      <Form<Filters>
        form={filterForm}
        name="staff-filters"
        layout="inline"
        className="filters"
        // Every filter is optional; saying so on each label would be noise.
        requiredMark={false}
        role="search"
        aria-label="筛选人员"
        initialValues={{ role: role || undefined, unitId }}
        onValuesChange={(_, all) => applyFilters(all)}
      >
        <Form.Item label="角色" name="role">
          <Select placeholder="全部角色" allowClear options={meta.data?.roles} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="所属单位" name="unitId">
          <Select
            placeholder="全部单位"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.loading}
            options={unitOptions}
            style={{ width: 220 }}
          />
        </Form.Item>
      </Form>
      <Table<StaffMember>
        aria-label="人员列表"
        rowKey="id"
        columns={columns}
        dataSource={staff.data?.items}
        loading={staff.loading}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => `共 ${total} 人`,
        }}
        locale={{ emptyText: staff.error ? '加载失败，请稍后重试' : '暂无人员' }}
      />
      {canCreate ? (
        <CreateStaffModal
          open={creating}
          roles={meta.data?.roles ?? []}
          regions={regions.data ?? []}
          units={unitOptions}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            staff.reload();
          }}
        />
      ) : null}
    </>
  );
}
