import { ThunderboltFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useT } from '../i18n';
import { faultsActive } from '../store/faults';
import { useTopicVersion } from '../store/live-topics';
import { navigate } from '../store/route';
import { useToolsStore } from '../store/tools-store';

/** Always in the header while SCIM answers are being degraded on purpose, so nobody debugs a "broken" IdP by mistake. */
export function FaultBadge() {
  const t = useT();
  const { faults, loadFaults } = useToolsStore();
  const version = useTopicVersion('faults');
  useEffect(() => { void loadFaults(); }, [loadFaults, version]);
  if (!faultsActive(faults)) return null;
  return (
    <Tooltip title={t('app.faults.tooltip')}>
      <Tag
        color="red"
        icon={<ThunderboltFilled />}
        className="fault-badge"
        role="button"
        tabIndex={0}
        data-testid="fault-badge"
        onClick={() => navigate({ page: 'tools' })}
        onKeyDown={(event) => { if (event.key === 'Enter' || event.key === ' ') navigate({ page: 'tools' }); }}
      >
        {t('app.faults.badge')}
      </Tag>
    </Tooltip>
  );
}
