// 办理: one button per command in the event's `allowedActions`, in the server's order, each opening a dialog
// for what that command takes. Nothing here decides whether a command applies (DESIGN rule 16): an action
// the server does not list is not drawn, and one this app does not know is left out rather than guessed at.
import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { runEventCommand, type EventDetail } from '../../api/events';
import { listUnits } from '../../api/units';
import { useLoad } from '../../api/use-load';
import { applyFieldErrors } from '../../ui/form-errors';

/** How a command's dialog asks for its body (docs/api.md, "Commands"). */
type FormKind = 'note' | 'reason' | 'dispatch' | 'resolve' | 'verify' | 'confirm' | 'rate' | 'merge';

interface ActionSpec {
  /** The button's text and accessible name: the command's Chinese name, exactly. */
  label: string;
  title: string;
  kind: FormKind;
  tone?: 'primary' | 'danger';
  /** For `reason` forms: what the reason is called. */
  reasonLabel?: string;
}

const ACTIONS: Record<string, ActionSpec> = {
  file: { label: '立案', title: '立案', kind: 'note', tone: 'primary' },
  reject: { label: '不予立案', title: '不予立案', kind: 'reason', tone: 'danger', reasonLabel: '不予立案理由' },
  dispatch: { label: '派遣', title: '派遣事件', kind: 'dispatch', tone: 'primary' },
  accept: { label: '接单', title: '接单', kind: 'note', tone: 'primary' },
  return: { label: '退回', title: '退回事件', kind: 'reason', tone: 'danger', reasonLabel: '退回理由' },
  resolve: { label: '处置完成', title: '提交处置结果', kind: 'resolve', tone: 'primary' },
  verify: { label: '核查', title: '核查处置结果', kind: 'verify', tone: 'primary' },
  confirm: { label: '确认解决', title: '确认解决', kind: 'confirm', tone: 'primary' },
  dispute: { label: '有异议', title: '提出异议', kind: 'reason', reasonLabel: '异议理由' },
  rate: { label: '评价', title: '评价处置结果', kind: 'rate' },
  merge: { label: '合并', title: '合并到其他事件', kind: 'merge' },
};

/** The body fields of each form, so that a 422 lands its field errors on the right inputs. */
const FIELDS: Record<FormKind, readonly string[]> = {
  note: ['note'],
  reason: ['reason'],
  dispatch: ['unitId', 'note'],
  resolve: ['note', 'photos'],
  verify: ['result', 'note'],
  confirm: [],
  rate: ['rating', 'comment'],
  merge: ['into'],
};

const MAX_PHOTOS = 9;
/** The limit the contract states for report photos; assumed to hold for resolution photos too. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

interface Values {
  note?: string;
  reason?: string;
  unitId?: number;
  photos?: UploadFile[];
  result?: 'pass' | 'fail';
  rating?: number;
  comment?: string;
  into?: string;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const text = value?.trim();
  return text ? ({ [key]: text } as Record<K, string>) : {};
}

function bodyFor(kind: FormKind, v: Values): object | FormData {
  switch (kind) {
    case 'note':
      return optional('note', v.note);
    case 'reason':
      return { reason: v.reason!.trim() };
    case 'dispatch':
      return { unitId: v.unitId!, ...optional('note', v.note) };
    case 'resolve': {
      // Multipart with the contract's field names; the data provider leaves Content-Type to the browser.
      const form = new FormData();
      form.append('note', v.note!.trim());
      for (const photo of v.photos ?? []) {
        if (photo.originFileObj) form.append('photos', photo.originFileObj, photo.name);
      }
      return form;
    }
    case 'verify':
      return { result: v.result!, ...optional('note', v.note) };
    case 'confirm':
      return {};
    case 'rate':
      return { rating: v.rating!, ...optional('comment', v.comment) };
    case 'merge':
      return { into: v.into!.trim() };
  }
}

/** "photos[3]" is about the photo field as a whole; the form has no input per photo. */
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

export function EventActions(props: {
  event: EventDetail;
  /** The command succeeded: the server's answer is the event as it now is. */
  onDone: (event: EventDetail, label: string) => void;
  /** 409: someone else moved the event first. */
  onStale: () => void;
  /** After a dialog has closed on success, so that focus can go somewhere that still exists. */
  afterDone: () => void;
}) {
  const { event } = props;
  const known = event.allowedActions.filter((action) => ACTIONS[action]);
  const [action, setAction] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);

  return (
    <section aria-labelledby="event-actions-title" className="detail-section">
      <h2 id="event-actions-title" className="section-title">
        办理
      </h2>
      {known.length > 0 ? (
        <Space wrap style={{ marginTop: 12 }}>
          {known.map((a) => (
            <Button
              key={a}
              type={ACTIONS[a].tone === 'primary' ? 'primary' : 'default'}
              danger={ACTIONS[a].tone === 'danger'}
              onClick={() => {
                setAction(a);
                setDone(false);
                setOpen(true);
              }}
            >
              {ACTIONS[a].label}
            </Button>
          ))}
        </Space>
      ) : (
        <p className="muted">当前没有您可以执行的操作。</p>
      )}
      {action ? (
        <ActionModal
          event={event}
          action={action}
          spec={ACTIONS[action]}
          open={open}
          onClose={() => setOpen(false)}
          onDone={(next) => {
            setDone(true);
            setOpen(false);
            props.onDone(next, ACTIONS[action].label);
          }}
          onStale={() => {
            setDone(true);
            setOpen(false);
            props.onStale();
          }}
          afterClose={() => {
            // Keep the dialog's content through the closing animation, then forget it.
            setAction(null);
            if (done) props.afterDone();
          }}
        />
      ) : null}
    </section>
  );
}

function ActionModal(props: {
  event: EventDetail;
  action: string;
  spec: ActionSpec;
  open: boolean;
  onClose: () => void;
  onDone: (event: EventDetail) => void;
  onStale: () => void;
  afterClose: () => void;
}) {
  const { event, action, spec } = props;
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(values: Values) {
    setSubmitting(true);
    setProblem(null);
    try {
      const next = await runEventCommand(event.code, action, bodyFor(spec.kind, values));
      props.onDone(next);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        props.onStale();
      } else {
        // 403 (not this person's to do), 422 (a field), network: said inside the dialog, which stays open.
        setProblem(applyFieldErrors(form, onPhotoField(error), FIELDS[spec.kind]));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={spec.title}
      okText="确定"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      afterClose={props.afterClose}
      destroyOnHidden
      // The footer's 确定 is the form's submit button, so Enter in a single-line field submits as well.
      okButtonProps={{ htmlType: 'submit', danger: spec.tone === 'danger' }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          name="event-action"
          layout="vertical"
          onFinish={submit}
          clearOnDestroy
          initialValues={spec.kind === 'resolve' ? { photos: [] } : undefined}
        >
          {dom}
        </Form>
      )}
    >
      <p className="modal-subject">
        事件 {event.code}（{event.categoryName}，{event.statusName}）
      </p>
      {problem ? (
        <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
      ) : null}
      <ActionFields spec={spec} />
    </Modal>
  );
}

function ActionFields({ spec }: { spec: ActionSpec }) {
  switch (spec.kind) {
    case 'note':
      return (
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={3} />
        </Form.Item>
      );
    case 'reason':
      return (
        <Form.Item
          label={spec.reasonLabel}
          name="reason"
          rules={[{ required: true, whitespace: true, message: `请填写${spec.reasonLabel}` }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      );
    case 'dispatch':
      return (
        <>
          <UnitField />
          <Form.Item label="派遣说明" name="note">
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'resolve':
      return <ResolveFields />;
    case 'verify':
      return (
        <>
          <Form.Item label="核查结果" name="result" rules={[{ required: true, message: '请选择核查结果' }]}>
            <Radio.Group
              aria-label="核查结果"
              options={[
                { value: 'pass', label: '通过' },
                { value: 'fail', label: '不通过' },
              ]}
            />
          </Form.Item>
          <Form.Item label="核查意见" name="note">
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'confirm':
      return <p>确认该事件的问题已经解决？</p>;
    case 'rate':
      return (
        <>
          <Form.Item label="评分" name="rating" rules={[{ required: true, message: '请选择评分' }]}>
            {/* Radio buttons rather than antd's Rate: stars have no text and reject aria-required. */}
            <Radio.Group
              aria-label="评分"
              optionType="button"
              options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n} 分` }))}
            />
          </Form.Item>
          <Form.Item label="评价内容" name="comment">
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <Form.Item
          label="合并到事件编号"
          name="into"
          extra="本事件将并入所填事件，例如重复上报的同一问题。"
          rules={[{ required: true, whitespace: true, message: '请填写要合并到的事件编号' }]}
        >
          <Input autoComplete="off" placeholder="如 BA-20261122-000007" />
        </Form.Item>
      );
  }
}

/** Mounted only while the dispatch dialog is open, so the unit list is fetched when it is needed. */
function UnitField() {
  const units = useLoad((signal) => listUnits({}, signal).then((r) => r.items), []);
  return (
    <Form.Item
      label="责任单位"
      name="unitId"
      rules={[{ required: true, message: '请选择责任单位' }]}
      extra={units.error ? '单位列表加载失败，请关闭后重试' : undefined}
    >
      <Select
        placeholder="请选择"
        showSearch={{ optionFilterProp: 'label' }}
        loading={units.loading}
        options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.typeName}）` }))}
      />
    </Form.Item>
  );
}

function ResolveFields() {
  const { message } = App.useApp();
  const photos = Form.useWatch<UploadFile[] | undefined>('photos') ?? [];
  return (
    <>
      <Form.Item
        label="处置说明"
        name="note"
        rules={[{ required: true, whitespace: true, message: '请填写处置说明' }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item
        label="处置照片"
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
          // false keeps each file in the list instead of uploading it; they go with the form as multipart.
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
          {/* A real button: with children, Upload leaves its own wrapper unfocusable and expects a control. */}
          {photos.length < MAX_PHOTOS ? <Button icon={<UploadOutlined aria-hidden />}>选择照片</Button> : null}
        </Upload>
      </Form.Item>
    </>
  );
}
