// 缴费人查询 (supervisor, admin): a payer's fees by identity number, for a counter enquiry. The reason is
// required and the server logs every look-up; the page keeps no number once it has answered.
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { lookUpPayer, type PayerFees } from '../../api/fees';
import { canUseFeeScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { ToneTag } from '../residence/residence-tags';
import { formatYuan, periodOptions, shiftPeriod, currentPeriod } from './labels';
import './fees.css';

type Row = { key: string; period: string; typeName: string; dueFen: number; paidFen: number; status: string; statusName: string };
const TONES: Record<string, 'success' | 'processing' | 'warning' | 'error' | 'default'> = { paid: 'success', in_transit: 'processing', due: 'warning', arrears: 'error', refund_due: 'warning' };

export function PayerLookupPage() {
  const user = useSession()!.user;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idNumber: string; reason: string; from: string; to: string }>();
  const [result, setResult] = useState<PayerFees | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canUseFeeScreen(user.role, 'payers')) return <NoAccess title="缴费人查询" who="只有督办员和系统管理员" />;

  const submit = async (values: { idNumber: string; reason: string; from: string; to: string }) => {
    setBusy(true);
    try {
      setResult(await lookUpPayer(values));
      form.setFieldValue('idNumber', '');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rows: Row[] = (result?.months ?? []).flatMap((m) => m.types.map((t) => ({ key: `${m.period}-${t.type}`, period: m.period, ...t })));
  const columns: TableColumnsType<Row> = [
    { title: '月份', dataIndex: 'period' },
    { title: '险种', dataIndex: 'typeName' },
    { title: '应缴', dataIndex: 'dueFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: '已缴', dataIndex: 'paidFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: '状态', dataIndex: 'statusName', render: (name: string, r) => <ToneTag tone={TONES[r.status] ?? 'default'}>{name}</ToneTag> },
  ];
  const now = currentPeriod();
  return (
    <>
      <PageHeading title="缴费人查询" />
      <p className="page-intro">按身份证号查询缴费人的月度缴费情况。每次查询连同原因记入个人信息访问日志；结果中的证件号与姓名均已隐藏。</p>
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ from: shiftPeriod(now, -11), to: now }} aria-label="缴费人查询" style={{ maxWidth: 640 }}>
          <Form.Item label="身份证号" name="idNumber" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]}>
            <Input autoComplete="off" maxLength={18} />
          </Form.Item>
          <Form.Item label="查询原因" name="reason" rules={[{ required: true, min: 2, whitespace: true, message: '请说明查询原因（记入访问日志）' }]}>
            <Input maxLength={120} placeholder="例如：窗口咨询补缴" />
          </Form.Item>
          <Space wrap>
            <Form.Item label="起始月份" name="from"><Select options={periodOptions()} style={{ width: 140 }} showSearch /></Form.Item>
            <Form.Item label="结束月份" name="to"><Select options={periodOptions()} style={{ width: 140 }} showSearch /></Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={busy}>查询</Button>
        </Form>
      </Card>
      {result && (
        <Card style={{ marginTop: 16 }}>
          <Descriptions column={{ xs: 1, sm: 2, md: 4 }} items={[
            { key: 'payer', label: '缴费人', children: `${result.payer.name}（${result.payer.idNumberMasked}）` },
            { key: 'due', label: '应缴合计', children: formatYuan(result.totals.dueFen) },
            { key: 'paid', label: '已缴合计', children: formatYuan(result.totals.paidFen) },
            { key: 'arrears', label: '欠费 / 可退费', children: `${formatYuan(result.totals.arrearsFen)} / ${formatYuan(result.totals.refundFen)}` },
          ]} />
          <Table<Row> rowKey="key" columns={columns} dataSource={rows} pagination={false} aria-label="缴费人月度缴费" locale={{ emptyText: '该期间没有缴费记录' }} style={{ marginTop: 12 }} />
        </Card>
      )}
    </>
  );
}
