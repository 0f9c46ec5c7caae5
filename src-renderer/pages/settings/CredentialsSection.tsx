import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { CreatedCredential, Credential } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { EmulatorNote } from '../../components/EmulatorNote';
import { formatTime, secretFileName } from '../../components/format';
import { OnceSecretModal } from '../../components/OnceSecretModal';
import { StatusTag } from '../../components/Tags';
import { useT } from '../../i18n';
import { useSettingsStore } from '../../store/settings-store';
import { CopyableText } from '../../components/CopyableText';

/** SCIM credentials: the table, per-row Disable/Enable/Delete, and Generate New SCIM Credential. */
export function CredentialsSection({ credentials }: { credentials: Credential[] | null }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const { createCredential, setCredentialStatus, deleteCredential, view } = useSettingsStore();
  const [generating, setGenerating] = useState(false);
  const [created, setCreated] = useState<CreatedCredential | null>(null);

  const generate = async () => {
    setGenerating(true);
    try {
      setCreated(await createCredential());
    } catch (error) {
      // The core owns the two-credential limit; its refusal is shown as it gave it.
      modal.error({ title: t('settings.credentials.generate'), content: errorMessage(error), okText: t('common.ok') });
    } finally {
      setGenerating(false);
    }
  };

  const toggle = async (credential: Credential) => {
    const next = credential.Status === 'Enabled' ? 'Disabled' : 'Enabled';
    try {
      await setCredentialStatus(credential.CredentialId, next);
      message.success(t(next === 'Enabled' ? 'settings.credentials.enabledMessage' : 'settings.credentials.disabledMessage', { id: credential.CredentialId }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const remove = async (credential: Credential) => {
    try {
      await deleteCredential(credential.CredentialId);
      message.success(t('settings.credentials.deletedMessage', { id: credential.CredentialId }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <div>
      <div className="section-toolbar">
        <Space>
          <Button type="primary" icon={<PlusOutlined />} loading={generating} onClick={generate}>{t('settings.credentials.generate')}</Button>
          <Typography.Text type="secondary">{t('settings.credentials.count', { count: credentials?.length ?? 0, max: view?.CredentialLimit ?? '…' })}</Typography.Text>
          <EmulatorNote explanation={`${t('emulator.credentialLimit')} ${t('emulator.credentialValidity')}`} />
        </Space>
      </div>
      <Table<Credential>
        rowKey="CredentialId"
        size="middle"
        loading={credentials === null}
        dataSource={credentials ?? []}
        pagination={false}
        locale={{ emptyText: t('settings.credentials.empty') }}
        columns={[
          {
            title: t('settings.credentials.id'),
            dataIndex: 'CredentialId',
            render: (id: string, c) => (
              <Space size={4} wrap>
                <CopyableText text={id} label={`${t('common.copy')} ${id}`} mono showText />
                {c.DemoIdP ? <Tooltip title={t('settings.credentials.demoExplained')}><Tag color="processing">{t('settings.credentials.demo')}</Tag></Tooltip> : null}
              </Space>
            ),
          },
          { title: t('settings.credentials.type'), dataIndex: 'CredentialType' },
          { title: t('common.status'), dataIndex: 'Status', render: (_: unknown, c) => <StatusTag status={c.Status} /> },
          { title: t('common.createTime'), dataIndex: 'CreateTime', render: (value: string) => formatTime(value) },
          {
            title: t('settings.credentials.expireTime'),
            dataIndex: 'ExpireTime',
            render: (value: string, c) => (
              <Space size={4} wrap>
                <span>{formatTime(value)}</span>
                {c.Expired ? <Tag color="error">{t('settings.credentials.expired')}</Tag>
                  : c.ExpiryWarning ? <Tooltip title={t('settings.credentials.rotation')}><Tag color="warning" icon={<WarningOutlined />}>{t('settings.credentials.expiresSoon', { days: c.DaysToExpire })}</Tag></Tooltip>
                  : null}
              </Space>
            ),
          },
          { title: t('settings.credentials.lastUsed'), dataIndex: 'LastUsedTime', render: (value: string | null) => (value ? formatTime(value) : t('settings.credentials.never')) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c) => (
              <Space size={0}>
                <Popconfirm
                  title={c.Status === 'Enabled' ? t('settings.credentials.confirmDisable') : t('settings.credentials.confirmEnable')}
                  okText={c.Status === 'Enabled' ? t('common.disable') : t('common.enable')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => toggle(c)}
                  styles={{ root: { maxWidth: 360 } }}
                >
                  <Button type="link">{c.Status === 'Enabled' ? t('common.disable') : t('common.enable')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t('settings.credentials.confirmDelete')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove(c)}
                  styles={{ root: { maxWidth: 360 } }}
                >
                  <Button type="link" danger>{t('common.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('settings.credentials.rotation')}</Typography.Paragraph>
      <OnceSecretModal
        open={created !== null}
        title={t('settings.generated.title')}
        warning={t('settings.generated.warning')}
        secretLabel={t('settings.generated.secret')}
        secret={created?.CredentialSecret ?? ''}
        downloadName={created ? secretFileName(created.CredentialId) : undefined}
        extra={created ? (
          <div>
            <Typography.Text type="secondary">{t('settings.credentials.id')}</Typography.Text>
            <div><Typography.Text className="selectable mono">{created.CredentialId}</Typography.Text></div>
            <Typography.Text type="secondary">{t('settings.generated.expires', { time: formatTime(created.ExpireTime) })}</Typography.Text>
          </div>
        ) : null}
        onClose={() => setCreated(null)}
      />
    </div>
  );
}
