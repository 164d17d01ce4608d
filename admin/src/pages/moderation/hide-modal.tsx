// 隐藏 for one item: a reason is required (2–200 characters), and goes with the decision into the event's
// evidence. The answer replaces the row; a 409 (decided meanwhile by someone else) reloads the list.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { HIDE_REASON_MAX, HIDE_REASON_MIN, hideModerationItem, type ModerationItem } from '../../api/moderation';
import { applyFieldErrors } from '../../ui/form-errors';
import { subjectName } from './labels';

const FIELDS = ['reason'] as const;

interface Values {
  reason: string;
}

export function HideModal(props: {
  item: ModerationItem;
  open: boolean;
  onClose: () => void;
  onDone: (next: ModerationItem) => void;
  onStale: () => void;
  afterClose: () => void;
}) {
  const { item } = props;
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit({ reason }: Values) {
    setSubmitting(true);
    setProblem(null);
    try {
      props.onDone(await hideModerationItem(item.id, reason.trim()));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) props.onStale();
      else setProblem(applyFieldErrors(form, error, FIELDS));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={`隐藏事件 ${item.eventCode} 的${subjectName(item)}`}
      okText="确认隐藏"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      afterClose={props.afterClose}
      destroyOnHidden
      // The footer's OK is the form's submit button, so Enter in the field submits as well.
      okButtonProps={{ htmlType: 'submit', danger: true }}
      modalRender={(dom) => (
        <Form<Values> form={form} name="moderation-hide" layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      {item.kind === 'text' && item.text ? (
        <>
          <p className="modal-subject">待隐藏的内容：</p>
          <p className="moderation-preview">{item.text}</p>
        </>
      ) : (
        <p className="modal-subject">待隐藏的内容：事件 {item.eventCode} 的照片</p>
      )}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item
        label="隐藏原因"
        name="reason"
        htmlFor="moderation-reason"
        extra={`${HIDE_REASON_MIN}–${HIDE_REASON_MAX} 个字，写入该事件的留痕记录。隐藏后内容只对提交人和工作人员可见。`}
        rules={[
          { required: true, whitespace: true, message: '请填写隐藏原因' },
          {
            validator: async (_, value: string | undefined) => {
              const length = [...(value ?? '').trim()].length;
              if (length > 0 && length < HIDE_REASON_MIN) throw new Error(`隐藏原因至少 ${HIDE_REASON_MIN} 个字`);
              if (length > HIDE_REASON_MAX) throw new Error(`隐藏原因不能超过 ${HIDE_REASON_MAX} 个字`);
            },
          },
        ]}
      >
        <Input.TextArea id="moderation-reason" rows={3} maxLength={HIDE_REASON_MAX} showCount autoComplete="off" />
      </Form.Item>
    </Modal>
  );
}
