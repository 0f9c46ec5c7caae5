import { App, Button, Card, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Region, SettingsView } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { useLengthLimit } from '../../components/length-limit';
import { useT } from '../../i18n';
import { useSettingsStore } from '../../store/settings-store';
import { EndpointRow } from './EndpointRow';
import { CopyableText } from '../../components/CopyableText';
import { HttpsCard } from './HttpsCard';

interface DirectoryForm {
  DirectoryName: string;
  Region: Region;
}

/** Settings → Global Management: the directory's identity, the accelerated endpoint switch and HTTPS. */
export function GlobalManagementTab({ view }: { view: SettingsView }) {
  const t = useT();
  const { message } = App.useApp();
  const { updateDirectory, setAccelerated } = useSettingsStore();
  const [form] = Form.useForm<DirectoryForm>();
  const [saving, setSaving] = useState(false);
  const [switching, setSwitching] = useState(false);
  const directoryNameLimit = useLengthLimit('DirectoryName', t);

  useEffect(() => {
    form.setFieldsValue({ DirectoryName: view.Directory.DirectoryName, Region: view.Directory.Region });
  }, [form, view.Directory.DirectoryName, view.Directory.Region]);

  const save = async (values: DirectoryForm) => {
    setSaving(true);
    try {
      await updateDirectory({ DirectoryName: values.DirectoryName.trim(), Region: values.Region });
      message.success(t('global.saved'));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const toggleAccelerated = async (on: boolean) => {
    setSwitching(true);
    try {
      await setAccelerated(on ? 'Enabled' : 'Disabled');
      message.success(on ? t('global.accelerated.on') : t('global.accelerated.off'));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('global.directory')} className="section-card">
        <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 480 }} initialValues={{ DirectoryName: view.Directory.DirectoryName, Region: view.Directory.Region }}>
          <Form.Item label={t('overview.directoryId')}>
            <CopyableText text={view.Directory.DirectoryId} label={`${t('common.copy')} ${t('overview.directoryId')}`} mono />
          </Form.Item>
          <Form.Item name="DirectoryName" label={t('global.directoryName')} rules={[{ required: true, whitespace: true, message: t('global.directoryNameRequired') }, ...directoryNameLimit.rules]}>
            <Input count={directoryNameLimit.count} />
          </Form.Item>
          <Form.Item name="Region" label={t('global.region')}>
            <Select options={view.Regions.map((region) => ({ value: region, label: region }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>{t('common.save')}</Button>
        </Form>
      </Card>
      <Card title={t('global.accelerated')} className="section-card">
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('global.accelerated.body')}</Typography.Text>
          <Space>
            <Switch
              checked={view.Sync.AcceleratedEndpointStatus === 'Enabled'}
              disabled={!view.Sync.AcceleratedEndpointAvailable}
              loading={switching}
              onChange={toggleAccelerated}
              aria-label={t('global.accelerated')}
            />
            <Typography.Text>{view.Sync.AcceleratedEndpointStatus === 'Enabled' ? t('common.enabled') : t('common.disabled')}</Typography.Text>
            {!view.Sync.AcceleratedEndpointAvailable ? (
              <Typography.Text type="warning">{t('global.accelerated.unavailable', { region: view.Directory.Region })}</Typography.Text>
            ) : null}
          </Space>
          {view.Endpoints.AcceleratedEndpoint ? (
            <EndpointRow label={t('settings.endpointAccelerated')} url={view.Endpoints.AcceleratedEndpoint} testId="global-accelerated-endpoint" />
          ) : null}
        </Space>
      </Card>
      <HttpsCard view={view} />
    </Space>
  );
}
