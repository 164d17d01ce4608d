// 新建单位 (admin only). The server validates; its 422 field errors land on the fields, a 409 (duplicate code)
// and anything else in a message.
import { Form, Input, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Option } from '../../api/meta';
import { regionTree, type Region } from '../../api/regions';
import { createUnit, type NewUnit } from '../../api/units';
import { FormModal } from '../../ui/form-modal';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = ['code', 'name', 'type', 'regionId', 'phone'] as const;

export function CreateUnitModal(props: {
  open: boolean;
  unitTypes: Option[];
  regions: Region[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const [form] = Form.useForm<NewUnit>();
  const idempotency = useIdempotencyKey();
  const tree = useMemo(() => regionTree(props.regions), [props.regions]);

  async function save(values: NewUnit): Promise<string> {
    const body: NewUnit = {
      code: values.code.trim(),
      name: values.name.trim(),
      type: values.type,
      regionId: values.regionId,
      ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
    };
    const unit = await createUnit(body, idempotency.keyFor(body));
    idempotency.reset();
    props.onCreated();
    return `已创建单位「${unit.name}」`;
  }

  return (
    <FormModal<NewUnit> open={props.open} title="新建单位" okText="创建" name="unit-create" form={form} fields={FIELDS} save={save} onCancel={props.onClose} afterClose={idempotency.reset}>
      <Form.Item label="单位编码" name="code" rules={[{ required: true, whitespace: true, message: '请输入单位编码' }]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Form.Item label="单位类型" name="type" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Select placeholder="请选择" options={props.unitTypes} />
      </Form.Item>
      <Form.Item label="管辖区域" name="regionId" rules={[{ required: true, message: '请选择管辖区域' }]}>
        <TreeSelect
          placeholder="请选择"
          treeData={tree}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandedKeys={tree.map((n) => n.value)}
        />
      </Form.Item>
      <Form.Item label="联系电话" name="phone">
        <Input type="tel" autoComplete="off" maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}
