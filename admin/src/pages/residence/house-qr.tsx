// A house's QR code: the PNG needs the bearer token, so it is fetched through the data provider as a Blob
// and shown from an object URL; the two download buttons save the PNG (512 px) or the SVG (for print shops).
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { fetchHouseQr, type QrFormat } from '../../api/residence';
import { useLoad } from '../../api/use-load';

/** An object URL for the Blob, revoked when the Blob changes or the component goes away. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started reading the URL by the next task; release it a little later to be safe.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function HouseQr({ code }: { code: string }) {
  const { message } = App.useApp();
  const png = useLoad((signal) => fetchHouseQr(code, 'png', signal), [code]);
  const src = useObjectUrl(png.data);
  const [saving, setSaving] = useState<QrFormat | null>(null);

  async function download(format: QrFormat) {
    setSaving(format);
    try {
      const blob = format === 'png' && png.data ? png.data : await fetchHouseQr(code, format);
      saveBlob(blob, `house-${code}-qr.${format}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(null);
    }
  }

  return (
    <section aria-labelledby="house-qr-title" className="detail-section">
      <h2 id="house-qr-title" className="section-title">
        房屋二维码
      </h2>
      <p className="muted" style={{ margin: '8px 0 12px' }}>
        租户用微信扫描后进入该房屋的申报页面。
      </p>
      {png.error ? (
        <Alert
          type="error"
          showIcon
          title={`二维码加载失败：${errorMessage(png.error)}`}
          action={<Button onClick={png.reload}>重试</Button>}
          style={{ marginBottom: 12 }}
        />
      ) : src ? (
        <img className="qr-preview" src={src} alt={`房屋 ${code} 的二维码`} width={200} height={200} />
      ) : (
        <Spin tip="正在加载二维码…">
          <div className="qr-preview" />
        </Spin>
      )}
      <Space wrap style={{ marginTop: 12 }}>
        <Button icon={<DownloadOutlined aria-hidden />} loading={saving === 'png'} onClick={() => download('png')}>
          下载 PNG
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} loading={saving === 'svg'} onClick={() => download('svg')}>
          下载 SVG
        </Button>
      </Space>
    </section>
  );
}
