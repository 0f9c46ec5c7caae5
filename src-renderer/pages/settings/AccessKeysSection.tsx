import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { AccessKey, CreatedAccessKey } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { EmulatorNote } from '../../components/EmulatorNote';
import { formatTime, secretFileName } from '../../components/format';
import { OnceSecretModal } from '../../components/OnceSecretModal';
import { StatusTag } from '../../components/Tags';
import { useT } from '../../i18n';
import { useSettingsStore } from '../../store/settings-store';
import { EndpointRow } from './EndpointRow';

/** How many pairs the core allows (Alibaba Cloud's limit per account); the core refuses a third with its own message. */
const ACCESS_KEY_LIMIT = 2;

/** AccessKeys of the local account for CloudSSO's OpenAPI: the endpoint, the table, create (secret shown once),
 *  per-row Disable/Enable/Delete, each confirmed. */
export function AccessKeysSection({ apiEndpoint, accessKeys }: { apiEndpoint: string | null; accessKeys: AccessKey[] | null }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const { createAccessKey, setAccessKeyStatus, deleteAccessKey } = useSettingsStore();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);

  const create = async () => {
    setCreating(true);
    try {
      setCreated(await createAccessKey());
    } catch (error) {
      modal.error({ title: t('settings.accessKeys.create'), content: errorMessage(error), okText: t('common.ok') });
    } finally {
      setCreating(false);
    }
  };

  const toggle = async (key: AccessKey) => {
    const next = key.Status === 'Enabled' ? 'Disabled' : 'Enabled';
    try {
      await setAccessKeyStatus(key.AccessKeyId, next);
      message.success(t(next === 'Enabled' ? 'settings.accessKeys.enabledMessage' : 'settings.accessKeys.disabledMessage', { id: key.AccessKeyId }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const remove = async (key: AccessKey) => {
    try {
      await deleteAccessKey(key.AccessKeyId);
      message.success(t('settings.accessKeys.deletedMessage', { id: key.AccessKeyId }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <div data-testid="access-keys">
      <Typography.Paragraph type="secondary">{t('settings.accessKeys.intro')}</Typography.Paragraph>
      <div className="section-toolbar">
        <Space wrap>
          <Typography.Text strong>{t('settings.apiEndpoint')}</Typography.Text>
          {apiEndpoint ? <EndpointRow label={t('settings.apiEndpoint')} url={apiEndpoint} testId="api-endpoint" /> : <Typography.Text type="secondary">{t('settings.apiEndpoint.off')}</Typography.Text>}
        </Space>
      </div>
      <div className="section-toolbar">
        <Space>
          <Button icon={<PlusOutlined />} loading={creating} onClick={create}>{t('settings.accessKeys.create')}</Button>
          <Typography.Text type="secondary">{t('settings.accessKeys.count', { count: accessKeys?.length ?? 0, max: ACCESS_KEY_LIMIT })}</Typography.Text>
          <EmulatorNote explanation={t('emulator.accessKeys')} />
        </Space>
      </div>
      <Table<AccessKey>
        rowKey="AccessKeyId"
        size="middle"
        loading={accessKeys === null}
        dataSource={accessKeys ?? []}
        pagination={false}
        locale={{ emptyText: t('settings.accessKeys.empty') }}
        columns={[
          {
            title: t('settings.accessKeys.id'),
            dataIndex: 'AccessKeyId',
            render: (id: string, k) => (
              <Space size={4} wrap>
                <Typography.Text className="selectable mono" copyable>{id}</Typography.Text>
                {k.Usable ? null : <Tooltip title={t('settings.accessKeys.unusableHint')}><Tag color="warning">{t('settings.accessKeys.unusable')}</Tag></Tooltip>}
              </Space>
            ),
          },
          { title: t('common.status'), dataIndex: 'Status', render: (_: unknown, k) => <StatusTag status={k.Status} /> },
          { title: t('common.createTime'), dataIndex: 'CreateTime', render: (value: string) => formatTime(value) },
          { title: t('settings.credentials.lastUsed'), dataIndex: 'LastUsedTime', render: (value: string | null) => (value ? formatTime(value) : t('settings.credentials.never')) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, k) => (
              <Space size={0}>
                <Popconfirm
                  title={k.Status === 'Enabled' ? t('settings.accessKeys.confirmDisable') : t('settings.accessKeys.confirmEnable')}
                  okText={k.Status === 'Enabled' ? t('common.disable') : t('common.enable')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => toggle(k)}
                  styles={{ root: { maxWidth: 360 } }}
                >
                  <Button type="link">{k.Status === 'Enabled' ? t('common.disable') : t('common.enable')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t('settings.accessKeys.confirmDelete')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove(k)}
                  styles={{ root: { maxWidth: 360 } }}
                >
                  <Button type="link" danger>{t('common.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <OnceSecretModal
        open={created !== null}
        title={t('settings.accessKeys.created.title')}
        warning={t('settings.accessKeys.created.warning')}
        secretLabel={t('settings.accessKeys.secret')}
        secret={created?.AccessKeySecret ?? ''}
        downloadName={created ? secretFileName(created.AccessKeyId) : undefined}
        extra={created ? (
          <div>
            <Typography.Text type="secondary">{t('settings.accessKeys.id')}</Typography.Text>
            <div><Typography.Text className="selectable mono" data-testid="created-access-key-id">{created.AccessKeyId}</Typography.Text></div>
          </div>
        ) : null}
        onClose={() => setCreated(null)}
      />
    </div>
  );
}
