// 新建人员 (admin only). Password length is checked here only to save a round trip; the server's 422 field
// errors are authoritative and land on the same fields.
import { Form, Input, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Option } from '../../api/meta';
import { regionTree, type Region } from '../../api/regions';
import { createStaffMember, type NewStaffMember } from '../../api/staff';
import { FormModal } from '../../ui/form-modal';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = ['username', 'displayName', 'password', 'role', 'regionId', 'unitId'] as const;
const MIN_PASSWORD = 8;

export function CreateStaffModal(props: {
  open: boolean;
  roles: Option[];
  regions: Region[];
  units: { value: number; label: string }[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const [form] = Form.useForm<NewStaffMember>();
  const idempotency = useIdempotencyKey();
  const tree = useMemo(() => regionTree(props.regions), [props.regions]);

  async function save(values: NewStaffMember): Promise<string> {
    const body: NewStaffMember = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      role: values.role,
      regionId: values.regionId,
      ...(values.unitId ? { unitId: values.unitId } : {}),
    };
    const member = await createStaffMember(body, idempotency.keyFor(body));
    idempotency.reset();
    props.onCreated();
    return `已创建人员「${member.displayName}」`;
  }

  return (
    <FormModal<NewStaffMember> open={props.open} title="新建人员" okText="创建" name="staff-create" form={form} fields={FIELDS} save={save} onCancel={props.onClose} afterClose={idempotency.reset}>
      <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        label="初始密码"
        name="password"
        extra={`至少 ${MIN_PASSWORD} 个字符`}
        rules={[
          { required: true, message: '请输入初始密码' },
          { min: MIN_PASSWORD, message: `至少 ${MIN_PASSWORD} 个字符` },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select placeholder="请选择" options={props.roles} />
      </Form.Item>
      <Form.Item label="所属区域" name="regionId" rules={[{ required: true, message: '请选择所属区域' }]}>
        <TreeSelect
          placeholder="请选择"
          treeData={tree}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandedKeys={tree.map((n) => n.value)}
        />
      </Form.Item>
      <Form.Item label="所属单位" name="unitId">
        <Select
          placeholder="不属于任何单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={props.units}
        />
      </Form.Item>
    </FormModal>
  );
}
