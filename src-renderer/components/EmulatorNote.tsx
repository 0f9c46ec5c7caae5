import { ExperimentOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useT } from '../i18n';

/**
 * Marks behaviour CloudSSO's public documentation leaves open, where the emulator had to choose, so nobody
 * mistakes the choice for the cloud's documented behaviour.
 */
export function EmulatorNote({ explanation }: { explanation: string }) {
  const t = useT();
  return (
    <Tooltip title={explanation} trigger={['hover', 'focus']}>
      <Tag icon={<ExperimentOutlined />} color="purple" tabIndex={0} className="emulator-note" aria-label={`${t('app.emulatorNote')}: ${explanation}`}>
        {t('app.emulatorNote')}
      </Tag>
    </Tooltip>
  );
}
