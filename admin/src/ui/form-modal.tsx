// A modal whose footer submits its form: Enter in any field submits, the OK button shows progress, and the
// server's 422 field errors land on the fields (anything else in a message). The three create/edit dialogs
// (units, staff, categories) share it, so they behave alike.
import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { showSubmitError } from './form-errors';

export function FormModal<T extends object>(props: {
  open: boolean;
  title: string;
  okText: string;
  /** The form's name, also the prefix of its field ids. */
  name: string;
  form: FormInstance<T>;
  /** Fields whose server errors are shown on the field itself. */
  fields: readonly string[];
  /** Sends the values; resolves with the success message to show. */
  save: (values: T) => Promise<string>;
  onCancel: () => void;
  afterClose?: () => void;
  initialValues?: Partial<T>;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);

  async function submit(values: T) {
    setSubmitting(true);
    try {
      message.success(await props.save(values));
    } catch (error) {
      showSubmitError(props.form, error, props.fields, message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={props.onCancel}
      afterClose={props.afterClose}
      destroyOnHidden
      // The footer's OK is the form's submit button, so Enter in any field submits as well.
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <Form<T> form={props.form} name={props.name} layout="vertical" onFinish={submit} initialValues={props.initialValues} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      {props.children}
    </Modal>
  );
}
