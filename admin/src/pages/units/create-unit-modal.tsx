// 新建单位 (admin only). The server validates; its 422 field errors land on the fields, a 409 (duplicate code)
// and anything else in a message.
import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import type { Option } from '../../api/meta';
import { regionTree, type Region } from '../../api/regions';
import { createUnit, type NewUnit } from '../../api/units';
import { showSubmitError } from '../../ui/form-errors';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = ['code', 'name', 'type', 'regionId', 'phone'] as const;

export function CreateUnitModal(props: {
  open: boolean;
  unitTypes: Option[];
  regions: Region[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUnit>();
  const [submitting, setSubmitting] = useState(false);
  const idempotency = useIdempotencyKey();
  const tree = useMemo(() => regionTree(props.regions), [props.regions]);

  async function submit(values: NewUnit) {
    const body: NewUnit = {
      code: values.code.trim(),
      name: values.name.trim(),
      type: values.type,
      regionId: values.regionId,
      ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
    };
    setSubmitting(true);
    try {
      const unit = await createUnit(body, idempotency.keyFor(body));
      idempotency.reset();
      message.success(`已创建单位「${unit.name}」`);
      props.onCreated();
    } catch (error) {
      showSubmitError(form, error, FIELDS, message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title="新建单位"
      okText="创建"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      afterClose={idempotency.reset}
      destroyOnHidden
      // The footer's 创建 is the form's submit button, so Enter in any field submits as well.
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <Form<NewUnit> form={form} name="unit-create" layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
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
    </Modal>
  );
}
