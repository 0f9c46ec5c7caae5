import { ExperimentOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useT } from '../i18n';

/** CloudSSO tabs outside the emulator's scope: said plainly instead of faked. */
export function NotEmulated({ feature }: { feature: string }) {
  const t = useT();
  return <Result icon={<ExperimentOutlined />} title={t('common.notEmulated.title')} subTitle={t('common.notEmulated.body', { feature })} />;
}
