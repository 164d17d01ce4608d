// 新建 / 编辑商家或服务点. Positions are typed as numbers in the coordinate system chosen beside them (GCJ-02,
// what WeChat and AMap show, by default); the server stores WGS-84. The code names a place for good, so it
// is set at creation (or generated) and not editable afterwards. The server's 422 field errors land on the
// fields; a code already in use (409) is a message.
import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import {
  COORD_SYSTEMS,
  createPlace,
  OPENING_HOURS_PATTERN,
  PHONE_PATTERN,
  PLACE_KINDS,
  updatePlace,
  type CoordSystem,
  type LatLng,
  type Place,
  type PlaceChanges,
  type PlaceInput,
  type PlaceKind,
} from '../../api/tourism';
import { FormModal } from '../../ui/form-modal';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = [
  'code',
  'name',
  'kind',
  'island',
  'lat',
  'lng',
  'coordSystem',
  'address',
  'phone',
  'openingHours',
  'active',
] as const;

interface Values {
  code?: string;
  name: string;
  kind: PlaceKind;
  island: string;
  lat: number;
  lng: number;
  coordSystem: CoordSystem;
  address: string;
  phone?: string;
  openingHours?: string;
  active: boolean;
}

const DEFAULTS: Partial<Values> = { coordSystem: 'gcj02', active: true };

/** Full-width commas and stray spaces are what people type; the API wants `08:00-14:00,17:00-22:00`. */
function normalizeHours(value: string | undefined): string {
  return (value ?? '').replace(/，/g, ',').replace(/\s+/g, '');
}

function normalizePhone(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, '');
}

/** A place's position in the given system (GCJ-02 when the place has it, else its WGS-84 one). */
function pointIn(place: Place, system: CoordSystem): LatLng {
  return system === 'gcj02' && place.gcj02 ? place.gcj02 : { lat: place.lat, lng: place.lng };
}

function initialValues(place: Place | null, islandCode?: string): Partial<Values> {
  if (!place) return { ...DEFAULTS, island: islandCode };
  const system: CoordSystem = place.gcj02 ? 'gcj02' : 'wgs84';
  return {
    code: place.code,
    name: place.name,
    kind: place.kind,
    island: place.island.code,
    ...pointIn(place, system),
    coordSystem: system,
    address: place.address,
    phone: place.phone ?? '',
    openingHours: place.openingHours ?? '',
    active: place.active,
  };
}

export function PlaceFormModal(props: {
  open: boolean;
  /** null: a new place. */
  editing: Place | null;
  islands: { value: string; label: string }[];
  /** The island the list is filtered to, as a starting value for a new place. */
  islandCode?: string;
  onClose: () => void;
  onSaved: (place: Place) => void;
}) {
  const [form] = Form.useForm<Values>();
  const idempotency = useIdempotencyKey();
  const { editing } = props;

  async function save(v: Values): Promise<string> {
    const phone = normalizePhone(v.phone);
    const openingHours = normalizeHours(v.openingHours);
    let saved: Place;
    if (editing) {
      // The position is sent only when it was changed: a round trip through GCJ-02 would move it by a hair.
      const before = pointIn(editing, v.coordSystem);
      const moved = v.lat !== before.lat || v.lng !== before.lng;
      const changes: PlaceChanges = {
        name: v.name.trim(),
        kind: v.kind,
        island: v.island,
        ...(moved ? { lat: v.lat, lng: v.lng, coordSystem: v.coordSystem } : {}),
        address: v.address.trim(),
        active: v.active,
        // An emptied field is cleared (null); one that was empty already is left out.
        ...(phone ? { phone } : editing.phone ? { phone: null } : {}),
        ...(openingHours ? { openingHours } : editing.openingHours ? { openingHours: null } : {}),
      };
      saved = await updatePlace(editing.code, changes);
    } else {
      const code = v.code?.trim();
      const body: PlaceInput = {
        ...(code ? { code } : {}),
        name: v.name.trim(),
        kind: v.kind,
        island: v.island,
        lat: v.lat,
        lng: v.lng,
        coordSystem: v.coordSystem,
        address: v.address.trim(),
        ...(phone ? { phone } : {}),
        ...(openingHours ? { openingHours } : {}),
        active: v.active,
      };
      saved = await createPlace(body, idempotency.keyFor(body));
      idempotency.reset();
    }
    props.onSaved(saved);
    return editing ? `已保存「${saved.name}」` : `已创建「${saved.name}」（编码 ${saved.code}）`;
  }

  /** Switching the system of an untouched position shows the same point in the new system's numbers. */
  function onCoordSystemChange(next: CoordSystem) {
    if (!editing) return;
    const previous = pointIn(editing, next === 'gcj02' ? 'wgs84' : 'gcj02');
    const { lat, lng } = form.getFieldsValue(['lat', 'lng']);
    if (lat === previous.lat && lng === previous.lng) form.setFieldsValue(pointIn(editing, next));
  }

  return (
    <FormModal<Values>
      open={props.open}
      title={editing ? `编辑「${editing.name}」` : '新建商家或服务点'}
      okText="确定"
      name="place-form"
      form={form}
      fields={FIELDS}
      save={save}
      onCancel={props.onClose}
      afterClose={idempotency.reset}
      // The dialog's content is rebuilt on every opening, so these are the values each time.
      initialValues={initialValues(editing, props.islandCode)}
    >
      <Form.Item
        label="编码"
        name="code"
        extra={editing ? '编码创建后不能修改' : '留空则自动生成，如 PL000123；创建后不能修改'}
      >
        <Input autoComplete="off" maxLength={32} disabled={!!editing} />
      </Form.Item>
      <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Select placeholder="请选择" options={PLACE_KINDS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="所在海岛" name="island" rules={[{ required: true, message: '请选择所在海岛' }]}>
            <Select placeholder="请选择" options={props.islands} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="坐标系"
        name="coordSystem"
        rules={[{ required: true, message: '请选择坐标系' }]}
        extra={
          editing
            ? '微信、高德、腾讯地图上取的坐标为 GCJ-02。未改动经纬度时切换坐标系，数值会换算为该坐标系下的同一位置。'
            : '微信、高德、腾讯地图上取的坐标为 GCJ-02；GPS 设备的原始坐标为 WGS-84。'
        }
      >
        <Select options={COORD_SYSTEMS} onChange={onCoordSystemChange} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="纬度" name="lat" rules={[{ required: true, message: '请输入纬度' }]}>
            <InputNumber min={-90} max={90} step={0.00001} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="经度" name="lng" rules={[{ required: true, message: '请输入经度' }]}>
            <InputNumber min={-180} max={180} step={0.00001} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="地址" name="address" rules={[{ required: true, whitespace: true, message: '请输入地址' }]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name="phone"
        extra="11 位手机号，或带区号的固定电话，如 0756-8850001"
        normalize={(value: string | undefined) => value?.replace(/\s+/g, '')}
        rules={[{ pattern: PHONE_PATTERN, message: '请输入 11 位手机号（1 开头）或带区号的固定电话，如 0756-8850001' }]}
      >
        <Input autoComplete="off" inputMode="tel" maxLength={20} />
      </Form.Item>
      <Form.Item
        label="营业时间"
        name="openingHours"
        extra="格式 HH:MM-HH:MM，多个时段用逗号分隔，如 08:00-14:00,17:00-22:00；全天营业填 00:00-24:00；跨午夜如 18:00-02:00。留空表示营业时间未知。"
        rules={[
          {
            validator: (_, value: string | undefined) => {
              const text = normalizeHours(value);
              return !text || OPENING_HOURS_PATTERN.test(text)
                ? Promise.resolve()
                : Promise.reject(new Error('营业时间格式应为 HH:MM-HH:MM，多个时段用逗号分隔'));
            },
          },
        ]}
      >
        <Input autoComplete="off" maxLength={100} placeholder="08:00-14:00,17:00-22:00" />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    </FormModal>
  );
}
