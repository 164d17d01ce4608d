// 二维码打印: the QR codes of a grid (or one building of it) laid out for A4, 3 × 4 a page, each with the
// house code in large type and the address, to stick on doors. On screen the pages are a preview; 打印
// prints only them (residence.css hides the frame and the form while this page is shown).
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Spin } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { getQrSheet, QR_SHEET_LIMIT, type QrSheetItem } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { toSearchParams } from './list-params';
import './residence.css';

const PER_PAGE = 12;
const PRINT_CLASS = 'qr-sheet-printing';

interface Filters {
  gridCode?: string;
  building?: string;
}

export function QrSheetPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'qr-sheet')) {
    return <NoAccess title="二维码打印" who="只有网格员、督办员和系统管理员" />;
  }
  return <QrSheet />;
}

function QrSheet() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const gridCode = params.get('gridCode') ?? '';
  const building = params.get('building') ?? '';

  // Nothing is fetched until a grid is chosen: a whole scope's 500 codes is rarely the sheet anyone wants.
  const sheet = useLoad(
    (signal) => (gridCode ? getQrSheet({ gridCode, building }, signal).then((r) => r.items) : Promise.resolve(null)),
    [gridCode, building],
  );

  useEffect(() => {
    if (sheet.error) message.error(errorMessage(sheet.error));
  }, [sheet.error, message]);

  useEffect(() => {
    form.setFieldsValue({ gridCode, building });
  }, [form, gridCode, building]);

  useEffect(() => {
    document.body.classList.add(PRINT_CLASS);
    return () => document.body.classList.remove(PRINT_CLASS);
  }, []);

  const items = sheet.data ?? [];
  const pages: QrSheetItem[][] = [];
  for (let i = 0; i < items.length; i += PER_PAGE) pages.push(items.slice(i, i + PER_PAGE));

  return (
    <>
      <div className="no-print">
        <PageHeading
          title="二维码打印"
          extra={
            <Button
              type="primary"
              icon={<PrinterOutlined aria-hidden />}
              disabled={items.length === 0}
              onClick={() => window.print()}
            >
              打印
            </Button>
          }
        />
        <p className="page-intro">
          按网格（可再按楼栋）生成房屋二维码，A4 纸每页 12 个。打印时请在打印设置中选择 A4、缩放 100%。
        </p>
        <Form<Filters>
          form={form}
          name="qr-sheet-filters"
          layout="inline"
          className="filters"
          role="search"
          aria-label="选择要打印的房屋"
          initialValues={{ gridCode, building }}
          onFinish={(values) => setParams(toSearchParams({ gridCode: values.gridCode, building: values.building }))}
        >
          <Form.Item
            label="网格编码"
            name="gridCode"
            rules={[{ required: true, whitespace: true, message: '请输入网格编码' }]}
          >
            <Input autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label="楼栋" name="building">
            <Input allowClear autoComplete="off" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              生成
            </Button>
          </Form.Item>
        </Form>
        {items.length >= QR_SHEET_LIMIT ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`一次最多生成 ${QR_SHEET_LIMIT} 个二维码，可能还有房屋未列出，请按楼栋分批打印。`}
          />
        ) : null}
        <p role="status" className="muted">
          {!gridCode
            ? '请输入网格编码后点击“生成”。'
            : sheet.loading
              ? '正在生成…'
              : sheet.data
                ? `共 ${items.length} 个二维码，${pages.length} 页。`
                : ''}
        </p>
      </div>
      {sheet.loading ? (
        <Spin size="large" className="no-print">
          <div style={{ minHeight: 160 }} />
        </Spin>
      ) : (
        pages.map((page, i) => <SheetPage key={i} items={page} index={i} count={pages.length} />)
      )}
    </>
  );
}

/** The server's SVG, shown through an <img> so that nothing in it can run or take part in the page. */
function svgSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function SheetPage({ items, index, count }: { items: QrSheetItem[]; index: number; count: number }) {
  const label = `第 ${index + 1} 页，共 ${count} 页`;
  return (
    <section className="qr-sheet-page" aria-label={label}>
      <h2 className="qr-sheet-page-title no-print">{label}</h2>
      <ul className="qr-grid">
        {items.map((item) => (
          <li key={item.code} className="qr-cell">
            <img src={svgSource(item.qrSvg)} alt={`房屋 ${item.code} 的二维码`} />
            <p className="qr-code-text">{item.code}</p>
            <p className="qr-address">{item.address}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
