// 确认属实 / 核查不符 for one verification task: a note (required to reject) and up to three photos taken on
// the ground, sent as multipart with an Idempotency-Key, so that a retry over a weak signal on a phone
// replays the first answer instead of failing. A 409 (someone else finished it first) reloads the list.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { resolveTask, type TaskOutcome, type VerificationTask } from '../../api/residence';
import { applyFieldErrors } from '../../ui/form-errors';
import { useIdempotencyKey } from '../../ui/idempotency';

const FIELDS = ['note', 'photos'] as const;
const MAX_PHOTOS = 3;
/** The limit the contract states for report photos; assumed to hold for verification photos too. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export const OUTCOME_LABELS: Record<TaskOutcome, string> = { confirm: '确认属实', reject: '核查不符' };

/** What each answer leads to, in the contract's words, so the grid worker knows before pressing 确定. */
const CONSEQUENCES: Record<VerificationTask['kind'], Record<TaskOutcome, string>> = {
  declaration_doubt: {
    confirm: '确认后该申报将予以登记，并通知申报人。',
    reject: '核查不符将驳回该申报，并通知申报人。',
  },
  declared_but_empty: {
    confirm: '确认该房屋确有申报人员居住，并通知申报人。',
    reject: '核查不符（房屋实际无人居住）将结束该房屋的在住申报，并通知申报人。',
  },
};

interface Values {
  note?: string;
  photos?: UploadFile[];
}

/** "photos[1]" is about the photo field as a whole; the form has no input per photo. */
function onPhotoField(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.errors.some((e) => e.field.startsWith('photos'))) return error;
  return new ApiError({
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: error.instance,
    requestId: error.requestId,
    errors: error.errors.map((e) => (e.field.startsWith('photos') ? { ...e, field: 'photos' } : e)),
  });
}

export function TaskResolveModal(props: {
  task: VerificationTask;
  outcome: TaskOutcome;
  open: boolean;
  onClose: () => void;
  onDone: (task: VerificationTask) => void;
  onStale: () => void;
  afterClose: () => void;
}) {
  const { task, outcome } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const idempotency = useIdempotencyKey();
  const photos = Form.useWatch<UploadFile[] | undefined>('photos', form) ?? [];
  const label = OUTCOME_LABELS[outcome];

  async function submit(values: Values) {
    const note = values.note?.trim() ?? '';
    const files = (values.photos ?? []).flatMap((p) => (p.originFileObj ? [p.originFileObj] : []));
    const body = new FormData();
    if (note) body.append('note', note);
    for (const file of files) body.append('photos', file, file.name);
    // FormData has no JSON form: the key follows what is sent, so a changed note or photo is a new request.
    const key = idempotency.keyFor({
      task: task.id,
      outcome,
      note,
      photos: files.map((f) => [f.name, f.size, f.lastModified]),
    });
    setSubmitting(true);
    setProblem(null);
    try {
      const next = await resolveTask(task.id, outcome, body, key);
      idempotency.reset();
      props.onDone(next);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // The task moved on (or this very request is still running): show the list as it now is. The key is
        // kept, so sending the same answer again replays the first result.
        props.onStale();
      } else {
        setProblem(applyFieldErrors(form, onPhotoField(error), FIELDS));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={label}
      okText="确定"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      afterClose={props.afterClose}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit', danger: outcome === 'reject' }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          name={`task-${outcome}`}
          layout="vertical"
          onFinish={submit}
          clearOnDestroy
          initialValues={{ photos: [] }}
        >
          {dom}
        </Form>
      )}
    >
      <p className="modal-subject">
        {task.kindName}：房屋 {task.house.code}（{task.house.address}）
        {task.declaration ? `，申报人 ${task.declaration.name}` : ''}
      </p>
      <p>{CONSEQUENCES[task.kind]?.[outcome] ?? ''}</p>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item
        label="核查说明"
        name="note"
        rules={
          outcome === 'reject'
            ? [{ required: true, whitespace: true, message: '核查不符时请填写核查说明' }]
            : undefined
        }
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
      <Form.Item
        label="现场照片"
        name="photos"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        extra={`最多 ${MAX_PHOTOS} 张，每张不超过 10 MB；已选 ${photos.length} 张`}
        rules={[
          {
            validator: (_, list: UploadFile[] | undefined) =>
              (list?.length ?? 0) > MAX_PHOTOS
                ? Promise.reject(new Error(`最多 ${MAX_PHOTOS} 张照片`))
                : Promise.resolve(),
          },
        ]}
      >
        <Upload
          accept="image/*"
          multiple
          listType="picture"
          maxCount={MAX_PHOTOS}
          // false keeps each file in the list; they go with the form as multipart.
          beforeUpload={(file) => {
            if (!file.type.startsWith('image/')) {
              message.error(`「${file.name}」不是图片`);
              return Upload.LIST_IGNORE;
            }
            if (file.size > MAX_PHOTO_BYTES) {
              message.error(`「${file.name}」超过 10 MB`);
              return Upload.LIST_IGNORE;
            }
            return false;
          }}
        >
          {photos.length < MAX_PHOTOS ? <Button icon={<UploadOutlined aria-hidden />}>选择照片</Button> : null}
        </Upload>
      </Form.Item>
    </Modal>
  );
}
