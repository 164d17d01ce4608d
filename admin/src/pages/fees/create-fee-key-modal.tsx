// 新建接口密钥 (admin). The server returns the secret once; the dialog then shows the key id and the secret,
// each with a copy button, says plainly that the secret cannot be seen again, and stays open until the admin
// closes it.
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useRef, useState } from 'react';
import { createFeeKey, FEE_SOURCES, type FeeSource, type NewFeeKey } from '../../api/fees';
import { showSubmitError } from '../../ui/form-errors';
import { useIdempotencyKey } from '../../ui/idempotency';
import { copyText } from '../../ui/copy-text';

const FIELDS = ['name', 'source'] as const;

interface Values {
  name: string;
  source: FeeSource;
}

export function CreateFeeKeyModal(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<NewFeeKey | null>(null);
  const idempotency = useIdempotencyKey();
  const keyIdField = useRef<HTMLInputElement | null>(null);
  const secretField = useRef<HTMLTextAreaElement | null>(null);

  async function submit(values: Values) {
    const body = { name: values.name.trim(), source: values.source };
    setSubmitting(true);
    try {
      const key = await createFeeKey(body, idempotency.keyFor(body));
      idempotency.reset();
      setCreated(key);
      props.onCreated();
    } catch (error) {
      showSubmitError(form, error, FIELDS, message);
    } finally {
      setSubmitting(false);
    }
  }

  async function copy(what: 'keyId' | 'secret') {
    if (!created) return;
    const ok =
      what === 'keyId'
        ? await copyText(created.keyId, keyIdField.current)
        : await copyText(created.secret, secretField.current);
    const name = what === 'keyId' ? '密钥编号' : '密钥';
    if (ok) message.success(`已复制${name}`);
    else message.warning(`无法自动复制，请选中${name}后按 Ctrl+C 复制`);
  }

  return (
    <Modal
      open={props.open}
      title={created ? `密钥「${created.name}」已创建` : '新建接口密钥'}
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
        <Form<Values> form={form} name="fee-key-create" layout="vertical" onFinish={submit} clearOnDestroy>
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
            description="关闭此窗口后将无法再次查看密钥。请立即复制并交给对接系统的管理员妥善保存；如果丢失，只能吊销后重新创建。"
            style={{ marginBottom: 16 }}
          />
          <p className="modal-subject">来源部门：{created.sourceName}</p>
          <label htmlFor="fee-new-key-id" className="field-label">
            密钥编号（X-Weave-Key）
          </label>
          <Input
            id="fee-new-key-id"
            ref={(el) => {
              keyIdField.current = el?.input ?? null;
            }}
            className="secret-box"
            value={created.keyId}
            readOnly
            onFocus={(event) => event.target.select()}
          />
          <Button icon={<CopyOutlined aria-hidden />} onClick={() => copy('keyId')} style={{ margin: '8px 0 16px' }}>
            复制密钥编号
          </Button>
          <label htmlFor="fee-new-secret" className="field-label">
            密钥（用于计算签名，只显示一次）
          </label>
          <Input.TextArea
            id="fee-new-secret"
            ref={(el) => {
              secretField.current = el?.resizableTextArea?.textArea ?? null;
            }}
            className="secret-box"
            value={created.secret}
            readOnly
            autoSize
            onFocus={(event) => event.target.select()}
          />
          <Button icon={<CopyOutlined aria-hidden />} onClick={() => copy('secret')} style={{ marginTop: 8 }}>
            复制密钥
          </Button>
        </>
      ) : (
        <>
          <Form.Item
            label="名称"
            name="name"
            extra="用于区分接入的系统，如「市税务局征收系统」"
            rules={[
              { required: true, whitespace: true, message: '请输入名称' },
              { min: 2, message: '名称至少 2 个字' },
            ]}
          >
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item
            label="来源部门"
            name="source"
            extra="该系统报送的是哪一方的台账；签名有效的报送都记入这一方。"
            rules={[{ required: true, message: '请选择来源部门' }]}
          >
            <Select placeholder="请选择" options={FEE_SOURCES} />
          </Form.Item>
        </>
      )}
    </Modal>
  );
}
