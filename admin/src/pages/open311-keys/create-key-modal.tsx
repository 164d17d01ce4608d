// 新建 Open311 密钥 (admin). The server returns the secret once; the dialog then shows it with a copy button
// and says plainly that it cannot be seen again, and stays open until the admin closes it.
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useRef, useState } from 'react';
import { createOpen311Key, type NewOpen311Key } from '../../api/open311-keys';
import { showSubmitError } from '../../ui/form-errors';
import { useIdempotencyKey } from '../../ui/idempotency';
import { copyText } from '../../ui/copy-text';

const FIELDS = ['name'] as const;

export function CreateKeyModal(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<NewOpen311Key | null>(null);
  const idempotency = useIdempotencyKey();
  const keyField = useRef<HTMLTextAreaElement | null>(null);

  async function submit({ name }: { name: string }) {
    const body = { name: name.trim() };
    setSubmitting(true);
    try {
      const key = await createOpen311Key(body.name, idempotency.keyFor(body));
      idempotency.reset();
      setCreated(key);
      props.onCreated();
    } catch (error) {
      showSubmitError(form, error, FIELDS, message);
    } finally {
      setSubmitting(false);
    }
  }

  async function copy() {
    if (!created) return;
    const ok = await copyText(created.key, keyField.current);
    if (ok) message.success('已复制密钥');
    else message.warning('无法自动复制，请选中密钥后按 Ctrl+C 复制');
  }

  return (
    <Modal
      open={props.open}
      title={created ? `密钥「${created.name}」已创建` : '新建 Open311 密钥'}
      okText="确定"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onClose}
      // Once the key is shown, 确定 only closes: there is nothing more to submit.
      onOk={created ? props.onClose : undefined}
      cancelButtonProps={created ? { style: { display: 'none' } } : undefined}
      okButtonProps={created ? undefined : { htmlType: 'submit' }}
      // Not on an outside click: the secret must not vanish by accident.
      mask={{ closable: false }}
      afterClose={() => {
        setCreated(null);
        idempotency.reset();
      }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<{ name: string }> form={form} name="open311-key-create" layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      {created ? (
        <>
          <Alert
            type="warning"
            showIcon
            role="alert"
            title="密钥只显示这一次"
            description="关闭此窗口后将无法再次查看。请立即复制并交给对接系统的管理员妥善保存；如果丢失，只能吊销后重新创建。"
            style={{ marginBottom: 16 }}
          />
          <label htmlFor="open311-new-key" className="field-label">
            新密钥
          </label>
          <Input.TextArea
            id="open311-new-key"
            ref={(el) => {
              keyField.current = el?.resizableTextArea?.textArea ?? null;
            }}
            className="secret-box"
            value={created.key}
            readOnly
            autoSize
            onFocus={(event) => event.target.select()}
          />
          <Button icon={<CopyOutlined aria-hidden />} onClick={copy} style={{ marginTop: 12 }}>
            复制密钥
          </Button>
        </>
      ) : (
        <Form.Item
          label="名称"
          name="name"
          extra="用于区分接入的系统，如「12345 热线」"
          rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
      )}
    </Modal>
  );
}
