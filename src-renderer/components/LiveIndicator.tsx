import { Badge, Tooltip } from 'antd';
import { useT, type MessageKey } from '../i18n';
import { useLiveTopics } from '../store/live-topics';

const LOOK = {
  connected: { status: 'processing', text: 'app.live.connected', tooltip: 'app.live.tooltip.connected' },
  reconnecting: { status: 'warning', text: 'app.live.reconnecting', tooltip: 'app.live.tooltip.reconnecting' },
  refused: { status: 'error', text: 'app.live.refused', tooltip: 'app.live.tooltip.refused' },
} as const satisfies Record<string, { status: 'processing' | 'warning' | 'error'; text: MessageKey; tooltip: MessageKey }>;

export function LiveIndicator() {
  const t = useT();
  const look = LOOK[useLiveTopics((state) => state.liveState)];
  return (
    <Tooltip title={t(look.tooltip)}>
      <span tabIndex={0} className="live-indicator" data-testid="live-indicator">
        <Badge status={look.status} text={t(look.text)} />
      </span>
    </Tooltip>
  );
}
