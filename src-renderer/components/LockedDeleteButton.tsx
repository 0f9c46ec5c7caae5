import { DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import type { LockState } from '../../src-main/admin/contract';
import { useT } from '../i18n';
import { LockedButton } from './LockedButton';

interface LockedDeleteButtonProps {
  lock: LockState;
  /** The confirmation's question and what it must warn about (a delete is never one click). */
  confirmTitle: string;
  confirmDescription: string;
  onConfirm: () => void | Promise<void>;
}

/** A detail page's Delete: locked as the core says, otherwise confirmed before it runs. */
export function LockedDeleteButton({ lock, confirmTitle, confirmDescription, onConfirm }: LockedDeleteButtonProps) {
  const t = useT();
  if (lock.Locked) return <LockedButton lock={lock} danger>{t('common.delete')}</LockedButton>;
  return (
    <Popconfirm title={confirmTitle} description={confirmDescription} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={onConfirm}>
      <Button danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
    </Popconfirm>
  );
}
