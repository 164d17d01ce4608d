// 备注 / 关闭 for one discrepancy: a note, required for both (the contract's body is `{note}` either way), and
// for 关闭 the note is the record of how it was settled. The answer replaces the row; a 409 (closed meanwhile,
// by someone else or by a re-run that found it matched) reloads the list.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { commandDiscrepancy, type Discrepancy, type DiscrepancyCommand } from '../../api/fees';
import { applyFieldErrors } from '../../ui/form-errors';

const FIELDS = ['note'] as const;

export const COMMAND_LABELS: Record<DiscrepancyCommand, string> = { note: '备注', close: '关闭' };

const COPY: Record<DiscrepancyCommand, { title: (id: number) => string; field: string; required: string; extra: string }> = {
  note: {
    title: (id) => `为差异 ${id} 添加备注`,
    field: '备注',
    required: '请填写备注',
    extra: '记录核实情况或与税务、社保、财政的沟通进展；差异仍保持待处理。',
  },
  close: {
    title: (id) => `关闭差异 ${id}`,
    field: '处理说明',
    required: '关闭差异时请填写处理说明',
    extra: '写明差异如何处理（如已补录、已退费、属重复报送等）。关闭后该差异不再出现在待处理列表中。',
  },
};

export function DiscrepancyModal(props: {
  discrepancy: Discrepancy;
  command: DiscrepancyCommand;
  open: boolean;
  onClose: () => void;
  onDone: (next: Discrepancy) => void;
  onStale: () => void;
  afterClose: () => void;
}) {
  const { discrepancy: d, command } = props;
  const copy = COPY[command];
  const [form] = Form.useForm<{ note: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit({ note }: { note: string }) {
    setSubmitting(true);
    setProblem(null);
    try {
      props.onDone(await commandDiscrepancy(d.id, command, note.trim()));
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
      title={copy.title(d.id)}
      okText="确定"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      afterClose={props.afterClose}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit', danger: command === 'close' }}
      modalRender={(dom) => (
        <Form<{ note: string }> form={form} name={`discrepancy-${command}`} layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      <p className="modal-subject">
        {d.period} · {d.payerMasked} · {d.typeName} · {d.kindName}
      </p>
      {d.note ? (
        <p>
          当前备注：<span className="pre-wrap">{d.note}</span>
        </p>
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item
        label={copy.field}
        name="note"
        extra={copy.extra}
        rules={[{ required: true, whitespace: true, message: copy.required }]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </Modal>
  );
}
