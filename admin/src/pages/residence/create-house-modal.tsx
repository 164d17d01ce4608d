// 新建房屋: one house with its code, address and grid. The code is what its QR code carries, so it is set
// here for good. A code already in use is 409, shown as a message; 422 field errors land on the fields.
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { createHouse, HOUSE_USES, type House, type NewHouse } from '../../api/residence';
import { FormModal } from '../../ui/form-modal';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = [
  'code',
  'address',
  'building',
  'floor',
  'room',
  'use',
  'capacity',
  'gridCode',
  'landlordName',
  'landlordPhone',
] as const;

interface Values {
  code: string;
  address: string;
  building: string;
  floor?: number | null;
  room: string;
  use: NewHouse['use'];
  capacity: number;
  gridCode: string;
  landlordName?: string;
  landlordPhone?: string;
}

function optionalText(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

export function CreateHouseModal(props: {
  open: boolean;
  /** The grid the list is filtered to, as a starting value. */
  gridCode?: string;
  onClose: () => void;
  onCreated: (house: House) => void;
}) {
  const [form] = Form.useForm<Values>();
  const idempotency = useIdempotencyKey();

  async function save(v: Values): Promise<string> {
    const body: NewHouse = {
      code: v.code.trim().toUpperCase(),
      address: v.address.trim(),
      building: v.building.trim(),
      ...(v.floor === null || v.floor === undefined ? {} : { floor: v.floor }),
      room: v.room.trim(),
      use: v.use,
      capacity: v.capacity,
      gridCode: v.gridCode.trim(),
      landlordName: optionalText(v.landlordName),
      landlordPhone: optionalText(v.landlordPhone),
    };
    const house = await createHouse(body, idempotency.keyFor(body));
    idempotency.reset();
    props.onCreated(house);
    return `已创建房屋「${house.code}」`;
  }

  return (
    <FormModal<Values>
      open={props.open}
      title="新建房屋"
      okText="确定"
      name="house-create"
      form={form}
      fields={FIELDS}
      save={save}
      onCancel={props.onClose}
      afterClose={idempotency.reset}
      initialValues={{ gridCode: props.gridCode, use: 'residential' }}
    >
      <Form.Item
        label="房屋编码"
        name="code"
        extra="4–32 位大写字母、数字或连字符，如 BA0304-012-0301；创建后不能修改"
        normalize={(value: string | undefined) => value?.toUpperCase()}
        rules={[
          { required: true, whitespace: true, message: '请输入房屋编码' },
          { pattern: /^[A-Z0-9-]{4,32}$/, message: '房屋编码为 4–32 位大写字母、数字或连字符' },
        ]}
      >
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <Form.Item label="地址" name="address" rules={[{ required: true, whitespace: true, message: '请输入地址' }]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item label="楼栋" name="building" rules={[{ required: true, whitespace: true, message: '请输入楼栋' }]}>
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="楼层" name="floor">
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="房号" name="room" rules={[{ required: true, whitespace: true, message: '请输入房号' }]}>
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="用途" name="use" rules={[{ required: true, message: '请选择用途' }]}>
            <Select options={HOUSE_USES} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="核定居住人数" name="capacity" rules={[{ required: true, message: '请输入核定居住人数' }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="网格编码"
        name="gridCode"
        extra="如 BA0304"
        rules={[{ required: true, whitespace: true, message: '请输入网格编码' }]}
      >
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="房东姓名" name="landlordName">
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="房东电话" name="landlordPhone">
            <Input autoComplete="off" inputMode="tel" maxLength={32} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
