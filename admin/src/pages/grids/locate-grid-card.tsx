// 定位网格: which grid a typed coordinate falls in. Coordinates copied from WeChat or AMap are GCJ-02 and
// from a GPS device WGS-84; the server converts, so the page only says which one it is sending.
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { locateGrid, type CoordSystem, type LocatedGrid } from '../../api/grids';
import { showSubmitError } from '../../ui/form-errors';

interface LocateForm {
  lat: number;
  lng: number;
  coordSystem: CoordSystem;
}

const FIELDS = ['lat', 'lng', 'coordSystem'] as const;
const COORD_SYSTEMS: { value: CoordSystem; label: string }[] = [
  { value: 'gcj02', label: 'GCJ-02（微信/高德）' },
  { value: 'wgs84', label: 'WGS-84（GPS）' },
];

export function LocateGridCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<LocateForm>();
  const [result, setResult] = useState<LocatedGrid | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  async function locate(values: LocateForm) {
    setSearching(true);
    setResult(null);
    setNotFound(null);
    try {
      setResult(await locateGrid(values));
    } catch (error) {
      if (error instanceof ApiError && error.is('not-found')) setNotFound(error.detail || error.title);
      else showSubmitError(form, error, FIELDS, message);
    } finally {
      setSearching(false);
    }
  }

  return (
    <Card
      style={{ marginTop: 24 }}
      title={
        <h2 className="section-title" id="locate-grid-title">
          定位网格
        </h2>
      }
    >
      <p style={{ marginTop: 0 }}>输入一个点的经纬度，查找它所在的网格。可从微信、高德地图或 GPS 设备中复制坐标。</p>
      <Form<LocateForm>
        form={form}
        name="grid-locate"
        layout="inline"
        className="filters"
        aria-labelledby="locate-grid-title"
        initialValues={{ coordSystem: 'gcj02' }}
        onFinish={locate}
      >
        <Form.Item label="纬度" name="lat" rules={[{ required: true, message: '请输入纬度' }]}>
          <InputNumber min={-90} max={90} controls={false} placeholder="如 20.0440" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="经度" name="lng" rules={[{ required: true, message: '请输入经度' }]}>
          <InputNumber min={-180} max={180} controls={false} placeholder="如 110.1999" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="坐标系" name="coordSystem" rules={[{ required: true, message: '请选择坐标系' }]}>
          <Select options={COORD_SYSTEMS} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={searching}>
            定位
          </Button>
        </Form.Item>
      </Form>
      {/* Polite live region: the answer arrives after the button press and should be read out. */}
      <div aria-live="polite">
        {result ? (
          <Descriptions
            title="所在网格"
            bordered
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'code', label: '网格编码', children: result.grid.code },
              { key: 'name', label: '网格名称', children: result.grid.name },
              { key: 'community', label: '所属社区', children: result.grid.communityName },
              { key: 'street', label: '所属街道', children: result.grid.streetName },
              {
                key: 'point',
                label: 'WGS-84 坐标',
                children: `纬度 ${result.point.lat.toFixed(6)}，经度 ${result.point.lng.toFixed(6)}`,
              },
            ]}
          />
        ) : null}
        {notFound ? <Alert type="warning" showIcon role="status" title={notFound} /> : null}
      </div>
    </Card>
  );
}
