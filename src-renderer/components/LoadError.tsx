import { Alert } from 'antd';
import { useT } from '../i18n';

export function LoadError({ error }: { error: string | null }) {
  const t = useT();
  if (!error) return null;
  return <Alert type="error" showIcon title={t('common.loadFailed', { reason: error })} style={{ marginBottom: 16 }} />;
}
