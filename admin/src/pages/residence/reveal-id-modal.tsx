// 查看完整证件号: the one way a full identity number reaches the screen. A reason is required, the server
// writes who asked, when and why to its access log, and the number is shown only inside this dialog: it is
// forgotten when the dialog closes.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { revealIdNumber, type DeclarationSummary } from '../../api/residence';
import { applyFieldErrors } from '../../ui/form-errors';

const FIELDS = ['reason'] as const;

export function RevealIdModal(props: { declaration: DeclarationSummary; open: boolean; onClose: () => void }) {
  const { declaration } = props;
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [idNumber, setIdNumber] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    setSubmitting(true);
    setProblem(null);
    try {
      const answer = await revealIdNumber(declaration.id, reason.trim());
      setIdNumber(answer.idNumber);
    } catch (error) {
      setProblem(applyFieldErrors(form, error, FIELDS));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title="查看完整证件号"
      okText="确定"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      onOk={idNumber ? props.onClose : undefined}
      cancelButtonProps={idNumber ? { style: { display: 'none' } } : undefined}
      okButtonProps={idNumber ? undefined : { htmlType: 'submit' }}
      afterClose={() => {
        setIdNumber(null);
        setProblem(null);
      }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<{ reason: string }> form={form} name="reveal-id" layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      <p className="modal-subject">
        申报人 {declaration.name}，证件号 {declaration.idNumberMasked}
      </p>
      {idNumber ? (
        <>
          <p style={{ margin: '0 0 4px' }}>完整证件号：</p>
          <p className="id-number" style={{ margin: '0 0 16px' }}>
            {idNumber}
          </p>
          <Alert
            type="info"
            showIcon
            role="status"
            title="本次查看已记录"
            description="查看人、时间和原因已写入访问日志。请勿抄录或转发证件号。"
          />
        </>
      ) : (
        <>
          {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
          <Form.Item
            label="查看原因"
            name="reason"
            extra="每次查看都会记录查看人、时间和原因。"
            rules={[{ required: true, whitespace: true, message: '请填写查看原因' }]}
          >
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </>
      )}
    </Modal>
  );
}
