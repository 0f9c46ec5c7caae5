import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CaCertificate, SettingsView } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { formatTime } from '../../components/format';
import { useT } from '../../i18n';
import { useSettingsStore } from '../../store/settings-store';
import { EndpointRow } from './EndpointRow';

const CA_FILE_NAME = 'cloudsso-local-ca.pem';

/** Hands the PEM to the browser (or Electron's window) as a file download; nothing is written by the page itself. */
function downloadPem(pem: string): void {
  const url = URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = CA_FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Settings → Global Management: serve the SCIM endpoints over HTTPS, and the local CA a client must trust. */
export function HttpsCard({ view }: { view: SettingsView }) {
  const t = useT();
  const { message } = App.useApp();
  const { setHttps, caCertificate } = useSettingsStore();
  const [switching, setSwitching] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [ca, setCa] = useState<CaCertificate | null>(null);
  const https = view.Https;
  const ownCertificate = https.CertificateSource === 'Own';

  useEffect(() => {
    if (ownCertificate) return;
    let current = true;
    caCertificate(false).then((found) => current && setCa(found), () => undefined);
    return () => {
      current = false;
    };
  }, [caCertificate, ownCertificate, https.Serving]);

  const toggle = async (on: boolean) => {
    setSwitching(true);
    try {
      const next = await setHttps(on ? 'Enabled' : 'Disabled');
      if (next.Https.Error) message.error(next.Https.Error);
      else message.success(on ? t('global.https.on') : t('global.https.off'));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSwitching(false);
    }
  };

  const download = async () => {
    setDownloading(true);
    try {
      const certificate = await caCertificate(true);
      if (!certificate) throw new Error(t('global.https.ownCertificate'));
      setCa(certificate);
      downloadPem(certificate.Pem);
      message.success(t('global.https.downloaded', { file: CA_FILE_NAME }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card title={t('global.https')} className="section-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('global.https.body')}</Typography.Text>
        <Space>
          <Switch checked={https.Status === 'Enabled'} loading={switching} onChange={toggle} aria-label={t('global.https')} data-testid="https-switch" />
          <Typography.Text data-testid="https-serving">{https.Serving === 'https' ? t('global.https.servingHttps') : t('global.https.servingHttp')}</Typography.Text>
        </Space>
        {https.Error ? <Alert type="error" showIcon title={https.Error} data-testid="https-error" /> : null}
        <EndpointRow label={t('settings.endpoint')} url={view.Endpoints.SCIMEndpoint} testId="global-scim-endpoint" />
        {https.CertificateNotAfter ? <Typography.Text type="secondary">{t('global.https.certificateUntil', { time: formatTime(https.CertificateNotAfter) })}</Typography.Text> : null}
        {ownCertificate ? (
          <Typography.Text type="secondary">{t('global.https.ownCertificate')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size="small">
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={download} data-testid="download-ca">
              {t('global.https.downloadCa')}
            </Button>
            {ca ? (
              <Typography.Text>
                {t('global.https.fingerprint')} <Typography.Text className="selectable mono" copyable data-testid="ca-fingerprint">{ca.Sha256Fingerprint}</Typography.Text>
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('global.https.noCaYet')}</Typography.Text>
            )}
            <Typography.Text type="secondary">{t('global.https.trustHint')}</Typography.Text>
          </Space>
        )}
      </Space>
    </Card>
  );
}
