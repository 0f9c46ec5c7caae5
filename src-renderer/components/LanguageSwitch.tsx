import { Segmented } from 'antd';
import { useLanguage, useT, type Language } from '../i18n';

export function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('app.language')}
      value={language}
      onChange={setLanguage}
      options={[{ value: 'en', label: 'English' }, { value: 'zh-CN', label: '中文' }]}
    />
  );
}
