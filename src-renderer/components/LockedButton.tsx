import { LockOutlined } from '@ant-design/icons';
import { Button, Tooltip, type ButtonProps } from 'antd';
import type { LockState } from '../../src-main/admin/contract';
import { useLockReason } from '../i18n';

interface LockedButtonProps extends ButtonProps {
  lock: LockState;
}

/**
 * A button that the core's edit lock can disable. The renderer never decides whether something is locked:
 * it shows `Locked` and the reason exactly as the core computed them (worded in the console's language).
 */
export function LockedButton({ lock, children, icon, ...props }: LockedButtonProps) {
  const reasonOf = useLockReason();
  if (!lock.Locked) return <Button icon={icon} {...props}>{children}</Button>;
  const reason = reasonOf(lock);
  return (
    <Tooltip title={reason} trigger={['hover', 'focus']}>
      {/* A disabled button swallows pointer events; the span keeps the tooltip reachable. */}
      <span className="locked-action" tabIndex={0} aria-label={reason ?? undefined}>
        <Button {...props} icon={<LockOutlined />} disabled onClick={undefined}>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}
