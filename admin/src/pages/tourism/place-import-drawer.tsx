// 导入商家与服务点 (supervisor, admin): a CSV of places, uploaded as POST /imports with kind=places, then
// followed every second until it is done or failed, with the lines and fields at fault. The residence
// imports' progress panel is reused as it is. The drawer stays mounted when closed, so an import still
// running is shown again when it is reopened.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { PLACE_IMPORT_COLUMNS, startPlaceImport } from '../../api/tourism';
import { showSubmitError } from '../../ui/form-errors';
import { useIdempotencyKey } from '../../ui/idempotency';
import { countDataLines } from '../residence/import-form';
import { ImportProgress } from '../residence/import-progress';
import '../residence/residence.css';

const FIELDS = ['kind', 'file'] as const;
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface Values {
  file: UploadFile[];
}

export function PlaceImportDrawer(props: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  // The import this drawer started, with the data lines counted in the browser once known.
  const [current, setCurrent] = useState<{ id: number; lines: number | null } | null>(null);
  const idempotency = useIdempotencyKey();
  const files = Form.useWatch<UploadFile[] | undefined>('file', form) ?? [];

  async function submit(values: Values) {
    const file = values.file[0]?.originFileObj;
    if (!file) return;
    setSubmitting(true);
    try {
      const key = idempotency.keyFor({ kind: 'places', file: [file.name, file.size, file.lastModified] });
      const started = await startPlaceImport(file, key);
      idempotency.reset();
      form.setFieldValue('file', []);
      setCurrent({ id: started.id, lines: null });
      void countDataLines(file).then((lines) =>
        setCurrent((c) => (c && c.id === started.id ? { ...c, lines } : c)),
      );
      message.success(`已开始导入「${file.name}」`);
    } catch (error) {
      showSubmitError(form, error, FIELDS, message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Drawer title="导入商家与服务点" open={props.open} onClose={props.onClose} size={760}>
      <div className="import-format">
        <p style={{ margin: 0 }}>文件格式：UTF-8 编码的 CSV，第一行为表头，列依次为</p>
        <code>{PLACE_IMPORT_COLUMNS}</code>
        <ul>
          <li>前六列 code、name、kind、island_code、lat、lng 必填；code 已存在的行更新该处，重复导入同一文件不会改变数据</li>
          <li>kind 为类型：restaurant 餐饮、hotel 住宿、ferry 船运码头、scenic 景点、clinic 医疗点、police 警务站、shop 商店</li>
          <li>coord_system 为 gcj02（默认，微信、高德、腾讯地图的坐标）或 wgs84；active 为 true 或 false</li>
          <li>phone 为 11 位手机号或带区号的固定电话；opening_hours 如 08:00-14:00,17:00-22:00（含逗号的值请用英文双引号括起）</li>
          <li>文件中只要有一行有误，整个文件都不会导入；请按错误列表修改后重新上传。</li>
        </ul>
      </div>
      <Form<Values> form={form} name="place-import" layout="vertical" onFinish={submit} initialValues={{ file: [] }}>
        <Form.Item
          label="CSV 文件"
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          extra="不超过 200 MB"
          rules={[
            {
              validator: (_, list: UploadFile[] | undefined) =>
                list?.length ? Promise.resolve() : Promise.reject(new Error('请选择 CSV 文件')),
            },
          ]}
          required
        >
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            beforeUpload={(file) => {
              if (file.size > MAX_FILE_BYTES) {
                message.error(`「${file.name}」超过 200 MB`);
                return Upload.LIST_IGNORE;
              }
              // false keeps the file in the form; it goes with 开始导入.
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{files.length ? '更换文件' : '选择文件'}</Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting}>
            开始导入
          </Button>
        </Form.Item>
      </Form>
      {current ? (
        <ImportProgress key={current.id} id={current.id} expectedLines={current.lines} onSettled={props.onImported} />
      ) : null}
    </Drawer>
  );
}
