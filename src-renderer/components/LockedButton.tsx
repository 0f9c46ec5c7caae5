import { LockOutlined } from '@ant-design/icons';
import { Button, Tooltip, type ButtonProps } from 'antd';
import type { LockState } from '../../src-main/admin/contract';

interface LockedButtonProps extends ButtonProps {
  lock: LockState;
}

/**
 * A button that the core's edit lock can disable. The renderer never decides whether something is locked:
 * it shows `Locked` and `LockReason` exactly as the core computed them.
 */
export function LockedButton({ lock, children, icon, ...props }: LockedButtonProps) {
  if (!lock.Locked) return <Button icon={icon} {...props}>{children}</Button>;
  return (
    <Tooltip title={lock.LockReason} trigger={['hover', 'focus']}>
      {/* A disabled button swallows pointer events; the span keeps the tooltip reachable. */}
      <span className="locked-action" tabIndex={0} aria-label={lock.LockReason ?? undefined}>
        <Button {...props} icon={<LockOutlined />} disabled onClick={undefined}>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}
