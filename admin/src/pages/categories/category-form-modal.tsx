// 新建类别 / 编辑类别 (admin only). The code names a category for good, so it is set at creation and shown
// but not editable afterwards. The server's 422 field errors land on the fields.
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import {
  createCategory,
  updateCategory,
  type Category,
  type CategoryChanges,
  type NewCategory,
} from '../../api/categories';
import { EVENT_LEVELS } from '../../api/events';
import type { Option } from '../../api/meta';
import { FormModal } from '../../ui/form-modal';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = [
  'code',
  'name',
  'level',
  'unitType',
  'responseHours',
  'resolutionHours',
  'autoDispatch',
  'active',
] as const;

const DEFAULTS: Partial<NewCategory> = { autoDispatch: false, active: true };

export function CategoryFormModal(props: {
  open: boolean;
  /** null: create a new category. */
  editing: Category | null;
  unitTypes: Option[];
  onClose: () => void;
  onSaved: (category: Category) => void;
}) {
  const [form] = Form.useForm<NewCategory>();
  const idempotency = useIdempotencyKey();
  const { editing } = props;

  async function save(values: NewCategory): Promise<string> {
    const changes: CategoryChanges = {
      name: values.name.trim(),
      level: values.level,
      unitType: values.unitType,
      responseHours: values.responseHours,
      resolutionHours: values.resolutionHours,
      autoDispatch: values.autoDispatch,
      active: values.active,
    };
    let saved: Category;
    if (editing) {
      saved = await updateCategory(editing.code, changes);
    } else {
      const body: NewCategory = { code: values.code.trim(), ...changes };
      saved = await createCategory(body, idempotency.keyFor(body));
      idempotency.reset();
    }
    props.onSaved(saved);
    return editing ? `已保存类别「${saved.name}」` : `已创建类别「${saved.name}」`;
  }

  return (
    <FormModal<NewCategory>
      open={props.open}
      title={editing ? `编辑类别「${editing.name}」` : '新建类别'}
      okText="确定"
      name="category-form"
      form={form}
      fields={FIELDS}
      save={save}
      onCancel={props.onClose}
      afterClose={idempotency.reset}
      // The dialog's content is rebuilt on every opening, so these are the values each time.
      initialValues={editing ?? DEFAULTS}
    >
      <Form.Item
        label="类别编码"
        name="code"
        extra={editing ? '类别编码创建后不能修改' : '如 road_damage，创建后不能修改'}
        rules={[{ required: true, whitespace: true, message: '请输入类别编码' }]}
      >
        <Input autoComplete="off" maxLength={64} disabled={!!editing} />
      </Form.Item>
      <Form.Item label="类别名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入类别名称' }]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item label="紧急程度" name="level" rules={[{ required: true, message: '请选择紧急程度' }]}>
        <Select placeholder="请选择" options={EVENT_LEVELS} />
      </Form.Item>
      <Form.Item label="责任单位类型" name="unitType" rules={[{ required: true, message: '请选择责任单位类型' }]}>
        <Select placeholder="请选择" options={props.unitTypes} />
      </Form.Item>
      <Form.Item
        label="响应时限（小时）"
        name="responseHours"
        rules={[{ required: true, message: '请输入响应时限' }]}
      >
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        label="处置时限（小时）"
        name="resolutionHours"
        rules={[{ required: true, message: '请输入处置时限' }]}
      >
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        label="自动派遣"
        name="autoDispatch"
        valuePropName="checked"
        extra="开启后，该类别的上报直接派遣到网格所属的责任单位，不进入分拨队列"
      >
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    </FormModal>
  );
}
