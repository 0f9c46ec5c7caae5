import type { LockState, ProvisionType } from '../types';

// The edit lock, decided here only: every caller asks, the console merely shows the answer.
export const USER_LOCK_REASON =
  'This user is synchronized from your identity provider by SCIM. While SCIM synchronization is on, it cannot be modified or deleted here; Reset Password and the Status switch stay available. To edit it, turn off SCIM synchronization in Settings > User Settings.';
export const GROUP_LOCK_REASON =
  'This group is synchronized from your identity provider by SCIM. While SCIM synchronization is on, it cannot be modified or deleted and users cannot be added to or removed from it. To edit it, turn off SCIM synchronization in Settings > User Settings.';

export function lockState(kind: 'User' | 'Group', provisionType: ProvisionType, syncEnabled: boolean): LockState {
  const locked = syncEnabled && provisionType === 'Synchronized';
  if (!locked) return { Locked: false, LockReason: null, LockReasonCode: null };
  return kind === 'User'
    ? { Locked: true, LockReason: USER_LOCK_REASON, LockReasonCode: 'SynchronizedUser' }
    : { Locked: true, LockReason: GROUP_LOCK_REASON, LockReasonCode: 'SynchronizedGroup' };
}
