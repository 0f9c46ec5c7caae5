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
// CloudSSO's blue for links as well as buttons, and secondary, disabled and success text dark enough for WCAG AA
// (4.5:1 on the console's backgrounds; antd's defaults are about 3.4:1, checked by test/e2e/accessibility.spec.ts).
const THEME = {
  token: {
    colorPrimary: '#0064c8',
    colorLink: '#0064c8',
    colorInfo: '#0064c8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
    fontSize: 13,
  },
  // text on the light status backgrounds and on white: darker shades of the same hues (antd green-8, red-7)
  components: { Tag: { colorSuccess: '#237804' }, Button: { colorError: '#cf1322' } },
};

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
