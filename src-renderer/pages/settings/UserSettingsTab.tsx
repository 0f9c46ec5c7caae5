import { Card, Descriptions, Divider, Typography } from 'antd';
import type { AccessKey, Credential, SettingsView } from '../../../src-main/admin/contract';
import { RouteLink } from '../../components/RouteLink';
import { useT } from '../../i18n';
import { AccessKeysSection } from './AccessKeysSection';
import { CredentialsSection } from './CredentialsSection';
import { EndpointRow } from './EndpointRow';
import { ScimSyncSwitch } from './ScimSyncSwitch';

/** Settings → User Settings → SCIM-based User Synchronization Configuration, as the CloudSSO console lays it out;
 *  then the local account's AccessKeys for the OpenAPI (in the cloud those live in RAM). */
export function UserSettingsTab({ view, credentials, accessKeys }: { view: SettingsView; credentials: Credential[] | null; accessKeys: AccessKey[] | null }) {
  const t = useT();
  const accelerated = view.Endpoints.AcceleratedEndpoint;
  return (
    <Card title={t('settings.scim.section')} className="section-card">
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 240 } }}>
        <Descriptions.Item label={t('settings.scim.switch')}><ScimSyncSwitch view={view} /></Descriptions.Item>
        <Descriptions.Item label={t('settings.endpoint')}>
          <EndpointRow label={t('settings.endpoint')} url={view.Endpoints.SCIMEndpoint} testId="scim-endpoint" />
        </Descriptions.Item>
        <Descriptions.Item label={t('settings.endpointAccelerated')}>
          {accelerated ? (
            <EndpointRow label={t('settings.endpointAccelerated')} url={accelerated} testId="scim-endpoint-accelerated" />
          ) : (
            <Typography.Text type="secondary">
              {view.Sync.AcceleratedEndpointAvailable
                ? <>{t('settings.endpointAccelerated.off')} <RouteLink to={{ page: 'settings', tab: 'global' }}>{t('settings.tab.global')}</RouteLink></>
                : t('settings.endpointAccelerated.unavailable')}
            </Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start">{t('settings.credentials')}</Divider>
      <CredentialsSection credentials={credentials} />
      <Divider titlePlacement="start">{t('settings.accessKeys')}</Divider>
      <AccessKeysSection apiEndpoint={view.Endpoints.APIEndpoint} accessKeys={accessKeys} />
    </Card>
  );
}
