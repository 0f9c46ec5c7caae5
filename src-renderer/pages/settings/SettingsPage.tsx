import { Skeleton, Tabs } from 'antd';
import { useEffect } from 'react';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useTopicVersion } from '../../store/live-topics';
import { navigate } from '../../store/route';
import { useSettingsStore } from '../../store/settings-store';
import { GlobalManagementTab } from './GlobalManagementTab';
import { UserSettingsTab } from './UserSettingsTab';

export function SettingsPage({ tab }: { tab: 'user' | 'global' }) {
  const t = useT();
  const { view, credentials, accessKeys, loadError, load, loadCredentials, loadAccessKeys } = useSettingsStore();
  // Drift entries come with the settings view, so directory changes refresh it too.
  const settingsVersion = useTopicVersion('settings') + useTopicVersion('directory');
  const credentialsVersion = useTopicVersion('credentials');

  useEffect(() => { void load(); }, [load, settingsVersion]);
  useEffect(() => { void loadCredentials(); }, [loadCredentials, credentialsVersion]);
  // AccessKeys have no topic of their own: a change to them is a change to the tenant's credentials.
  useEffect(() => { void loadAccessKeys(); }, [loadAccessKeys, credentialsVersion]);

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <LoadError error={loadError} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ page: 'settings', tab: key === 'global' ? 'global' : 'user' })}
        items={[
          { key: 'user', label: t('settings.tab.user'), children: view ? <UserSettingsTab view={view} credentials={credentials} accessKeys={accessKeys} /> : <Skeleton active /> },
          { key: 'global', label: t('settings.tab.global'), children: view ? <GlobalManagementTab view={view} /> : <Skeleton active /> },
        ]}
      />
    </>
  );
}
