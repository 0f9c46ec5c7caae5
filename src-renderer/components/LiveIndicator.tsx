import { Badge, Tooltip } from 'antd';
import { useT } from '../i18n';
import { useLiveTopics } from '../store/live-topics';

export function LiveIndicator() {
  const t = useT();
  const connected = useLiveTopics((state) => state.connected);
  return (
    <Tooltip title={connected ? t('app.live.tooltip.connected') : t('app.live.tooltip.reconnecting')}>
      <span tabIndex={0} className="live-indicator" data-testid="live-indicator">
        <Badge status={connected ? 'processing' : 'warning'} text={connected ? t('app.live.connected') : t('app.live.reconnecting')} />
      </span>
    </Tooltip>
  );
}
