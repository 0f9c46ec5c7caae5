import { AppstoreOutlined, DashboardOutlined, ExperimentOutlined, HistoryOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Layout, Menu, Skeleton, type MenuProps } from 'antd';
import { FaultBadge } from './components/FaultBadge';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LiveIndicator } from './components/LiveIndicator';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { useT } from './i18n';
import { lazy, Suspense } from 'react';

// Each page is its own chunk: a cold start (100,000 users, a busy machine) parses only the shell and the page
// it lands on; the rest loads when first visited.
const ActivityPage = lazy(() => import('./pages/activity/ActivityPage').then((m) => ({ default: m.ActivityPage })));
const GroupDetailPage = lazy(() => import('./pages/groups/GroupDetailPage').then((m) => ({ default: m.GroupDetailPage })));
const GroupsPage = lazy(() => import('./pages/groups/GroupsPage').then((m) => ({ default: m.GroupsPage })));
const OverviewPage = lazy(() => import('./pages/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const ToolsPage = lazy(() => import('./pages/tools/ToolsPage').then((m) => ({ default: m.ToolsPage })));
const UserDetailPage = lazy(() => import('./pages/users/UserDetailPage').then((m) => ({ default: m.UserDetailPage })));
const UsersPage = lazy(() => import('./pages/users/UsersPage').then((m) => ({ default: m.UsersPage })));
import { navigate, routeHash, useRoute, type Route } from './store/route';

function menuKey(route: Route): string {
  if (route.page === 'user') return 'users';
  if (route.page === 'group') return 'groups';
  return route.page;
}

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview': return <OverviewPage />;
    case 'users': return <UsersPage />;
    case 'user': return <UserDetailPage key={route.userId} userId={route.userId} />;
    case 'groups': return <GroupsPage />;
    case 'group': return <GroupDetailPage key={route.groupId} groupId={route.groupId} />;
    case 'settings': return <SettingsPage tab={route.tab} />;
    case 'activity': return <ActivityPage />;
    case 'tools': return <ToolsPage />;
  }
}

export function AppShell() {
  const t = useT();
  const route = useRoute((state) => state.route);
  const items: MenuProps['items'] = [
    { key: 'overview', icon: <DashboardOutlined />, label: t('nav.overview') },
    {
      key: 'user-management',
      icon: <TeamOutlined />,
      label: t('nav.userManagement'),
      children: [
        { key: 'users', label: t('nav.users') },
        { key: 'groups', label: t('nav.groups') },
      ],
    },
    { key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') },
    { key: 'activity', icon: <HistoryOutlined />, label: t('nav.activity') },
    { type: 'divider' },
    { key: 'tools', icon: <ExperimentOutlined />, label: t('nav.tools') },
  ];
  const go: MenuProps['onClick'] = ({ key }) => {
    if (key === 'settings') navigate({ page: 'settings', tab: 'user' });
    else navigate({ page: key } as Route);
  };
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <div className="brand">
          <AppstoreOutlined className="brand-icon" />
          <span className="brand-name">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <div className="header-right">
          <FaultBadge />
          <LiveIndicator />
          <LanguageSwitch />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} className="app-sider" breakpoint="lg" collapsedWidth={0}>
          <Menu mode="inline" selectedKeys={[menuKey(route)]} defaultOpenKeys={['user-management']} items={items} onClick={go} />
        </Layout.Sider>
        {/* Layout.Content is the page's one <main> landmark */}
        <Layout.Content className="app-content">
          <div className="app-page">
            <PageErrorBoundary title={t('app.pageError')} retryLabel={t('common.retry')} resetKey={routeHash(route)}>
              <Suspense fallback={<Skeleton active />}>
                <PageFor route={route} />
              </Suspense>
            </PageErrorBoundary>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
