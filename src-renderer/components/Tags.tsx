import { ExclamationCircleOutlined, LockOutlined, SyncOutlined, UserOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { DriftState, LockState, ProvisionType, Status } from '../../src-main/admin/contract';
import { useLockReason, useT } from '../i18n';

export function SourceTag({ type }: { type: ProvisionType }) {
  const t = useT();
  return type === 'Synchronized'
    ? <Tag color="blue" icon={<SyncOutlined />}>{t('source.Synchronized')}</Tag>
    : <Tag icon={<UserOutlined />}>{t('source.Manual')}</Tag>;
}

export function StatusTag({ status }: { status: Status }) {
  const t = useT();
  return <Tag color={status === 'Enabled' ? 'success' : 'default'}>{status === 'Enabled' ? t('common.enabled') : t('common.disabled')}</Tag>;
}

/** Marks an object the core reports as drifted (edited while sync was off). */
export function DriftTag({ drift }: { drift: DriftState['Drift'] }) {
  const t = useT();
  if (!drift) return null;
  return (
    <Tooltip title={t('drift.tooltip')} trigger={['hover', 'focus']}>
      <Tag color="warning" icon={<ExclamationCircleOutlined />} tabIndex={0} data-testid="drift-tag">{t('drift.tag')}</Tag>
    </Tooltip>
  );
}

/** The lock the core reported, with its reason on hover/focus. */
export function LockTag({ lock }: { lock: LockState }) {
  const t = useT();
  const reasonOf = useLockReason();
  if (!lock.Locked) return null;
  const reason = reasonOf(lock);
  return (
    <Tooltip title={reason} trigger={['hover', 'focus']}>
      <Tag icon={<LockOutlined />} tabIndex={0} data-testid="lock-tag" aria-label={reason ?? t('common.lockedTag')}>{t('common.lockedTag')}</Tag>
    </Tooltip>
  );
}
