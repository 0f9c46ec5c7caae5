import { App as AntApp, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { setAdminApi } from './api/admin-client';
import { connectAdminApi, followTokenChanges } from './api/connect';
import { AppShell } from './AppShell';
import { useLanguage, useT } from './i18n';
import { followChanges, useLiveTopics } from './store/live-topics';
import { followHashChanges } from './store/route';
import './styles.css';

// Alibaba Cloud console palette: blue actions, square-ish corners, dense tables.
const THEME = { token: { colorPrimary: '#0064c8', borderRadius: 4, fontSize: 13 } };

const connection = connectAdminApi((state) => useLiveTopics.getState().setLiveState(state));
if (connection.kind !== 'missing-token') setAdminApi(connection.api);

function MissingToken() {
  const t = useT();
  return <Result status="403" title={t('app.missingToken.title')} subTitle={t('app.missingToken.body')} />;
}

function Root() {
  const language = useLanguage((state) => state.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => followHashChanges(), []);
  useEffect(() => (connection.kind === 'electron' ? undefined : followTokenChanges()), []);
  useEffect(() => (connection.kind === 'missing-token' ? undefined : followChanges(connection.api)), []);
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={THEME}>
      <AntApp>{connection.kind === 'missing-token' ? <MissingToken /> : <AppShell />}</AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
