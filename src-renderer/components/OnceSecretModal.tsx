import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { CopyButton } from './CopyButton';

interface OnceSecretModalProps {
  open: boolean;
  title: string;
  warning: string;
  secretLabel: string;
  secret: string;
  /** When set, offers a download of the secret under this file name. */
  downloadName?: string;
  extra?: ReactNode;
  onClose(): void;
}

/** Shows a secret that the core will never return again (credential secret, reset password). */
export function OnceSecretModal({ open, title, warning, secretLabel, secret, downloadName, extra, onClose }: OnceSecretModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const download = () => {
    if (!downloadName) return;
    const url = URL.createObjectURL(new Blob([`${secret}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = downloadName;
    link.click();
    URL.revokeObjectURL(url);
    message.success(t('settings.generated.downloaded', { file: downloadName }));
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      footer={<Button type="primary" onClick={onClose}>{t('common.ok')}</Button>}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="warning" showIcon title={warning} />
        {extra}
        <div>
          <Typography.Text type="secondary">{secretLabel}</Typography.Text>
          <div className="secret-row">
            <span className="value-box secret-value" data-testid="once-secret">{secret}</span>
            <Space>
              <CopyButton text={secret} label={`${t('common.copy')} ${secretLabel}`} showText />
              {downloadName ? <Button icon={<DownloadOutlined />} onClick={download}>{t('settings.generated.download')}</Button> : null}
            </Space>
          </div>
        </div>
      </Space>
    </Modal>
  );
}
