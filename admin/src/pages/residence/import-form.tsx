// 上传 CSV: choose what the file holds, see the columns that kind expects, pick the file and start. The
// server answers at once (202) and works in the background; the page then follows the import. The file's
// lines are counted here meanwhile, so that progress can be shown as a share of the whole.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { IMPORT_KINDS, startImport, type DataImport, type ImportKind } from '../../api/residence';
import { showSubmitError } from '../../ui/form-errors';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = ['kind', 'file'] as const;
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface Values {
  kind: ImportKind;
  file: UploadFile[];
}

/**
 * Data lines in a CSV (all lines but the header). A quoted field may hold a line break, so this is an
 * estimate, good enough for a progress bar; null when the file cannot be read.
 */
export async function countDataLines(file: File): Promise<number | null> {
  try {
    const reader = file.stream().getReader();
    let breaks = 0;
    let last = 10;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) breaks++;
      if (value.length > 0) last = value[value.length - 1];
    }
    const lines = breaks + (last === 10 ? 0 : 1);
    return Math.max(0, lines - 1);
  } catch {
    return null;
  }
}

export function ImportFormat({ kind }: { kind: ImportKind }) {
  const spec = IMPORT_KINDS.find((k) => k.value === kind);
  if (!spec) return null;
  return (
    <div className="import-format" aria-live="polite">
      <p style={{ margin: 0 }}>「{spec.label}」文件格式：UTF-8 编码，第一行为表头，列依次为</p>
      <code>{spec.columns}</code>
      <ul>
        {spec.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
        <li>文件中只要有一行有误，整个文件都不会导入；请按错误列表修改后重新上传。</li>
      </ul>
    </div>
  );
}

export function ImportForm(props: { onStarted: (started: DataImport, dataLines: Promise<number | null>) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const idempotency = useIdempotencyKey();
  const kind = Form.useWatch('kind', form) ?? 'houses';
  const files = Form.useWatch<UploadFile[] | undefined>('file', form) ?? [];

  async function submit(values: Values) {
    const file = values.file[0]?.originFileObj;
    if (!file) return;
    setSubmitting(true);
    try {
      const key = idempotency.keyFor({ kind: values.kind, file: [file.name, file.size, file.lastModified] });
      const started = await startImport(values.kind, file, key);
      idempotency.reset();
      form.setFieldValue('file', []);
      props.onStarted(started, countDataLines(file));
      message.success(`已开始导入「${file.name}」`);
    } catch (error) {
      showSubmitError(form, error, FIELDS, message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Form<Values>
      form={form}
      name="import-upload"
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'houses', file: [] }}
      style={{ maxWidth: 720 }}
    >
      <Form.Item label="数据类型" name="kind" rules={[{ required: true, message: '请选择数据类型' }]}>
        <Select options={IMPORT_KINDS.map((k) => ({ value: k.value, label: k.label }))} style={{ maxWidth: 240 }} />
      </Form.Item>
      <ImportFormat kind={kind} />
      <Form.Item
        label="CSV 文件"
        name="file"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        extra="不超过 200 MB"
        rules={[{ validator: (_, list: UploadFile[] | undefined) => (list?.length ? Promise.resolve() : Promise.reject(new Error('请选择 CSV 文件'))) }]}
        required
      >
        <Upload
          accept=".csv,text/csv,.jsonl,.ndjson"
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
  );
}
