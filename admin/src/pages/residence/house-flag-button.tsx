// 标记关注 / 取消关注: which one is drawn follows the house's own `flagged`. A flagged house makes every new
// declaration there doubtful (the server decides that); staff say why they flag it.
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { flagHouse, unflagHouse, type House } from '../../api/residence';
import { FormModal } from '../../ui/form-modal';

const FIELDS = ['reason'] as const;

export function HouseFlagButton(props: {
  house: House;
  onChanged: (house: House) => void;
  /** In a table row: a link-style button that names the house for screen readers. */
  inline?: boolean;
}) {
  const { house } = props;
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const subject = props.inline ? <span className="sr-only">「{house.code}」</span> : null;

  function confirmUnflag() {
    modal.confirm({
      title: `取消关注房屋「${house.code}」？`,
      content: '取消后，该房屋的新申报不再因“房屋被标记关注”而进入核查。',
      okText: '确定',
      cancelText: '取消',
      // Throwing keeps the dialog open, so the person can read the error and decide again.
      onOk: async () => {
        try {
          const next = await unflagHouse(house.code);
          message.success(`已取消关注房屋「${house.code}」`);
          props.onChanged(next);
        } catch (error) {
          message.error(errorMessage(error));
          throw error;
        }
      },
    });
  }

  if (house.flagged) {
    return (
      <Button type={props.inline ? 'link' : 'default'} size={props.inline ? 'small' : 'middle'} onClick={confirmUnflag}>
        取消关注{subject}
      </Button>
    );
  }
  return (
    <>
      <Button
        type={props.inline ? 'link' : 'default'}
        size={props.inline ? 'small' : 'middle'}
        danger
        onClick={() => setOpen(true)}
      >
        标记关注{subject}
      </Button>
      <FormModal<{ reason: string }>
        open={open}
        title={`标记关注房屋「${house.code}」`}
        okText="确定"
        name={`house-flag-${house.code}`}
        form={form}
        fields={FIELDS}
        onCancel={() => setOpen(false)}
        save={async ({ reason }) => {
          const next = await flagHouse(house.code, reason.trim());
          setOpen(false);
          props.onChanged(next);
          return `已标记关注房屋「${house.code}」`;
        }}
      >
        <p className="modal-subject">{house.address}</p>
        <Form.Item
          label="关注原因"
          name="reason"
          extra="标记后，该房屋的每一份新申报都将进入网格员核查。"
          rules={[{ required: true, whitespace: true, message: '请填写关注原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </>
  );
}
