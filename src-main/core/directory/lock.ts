import type { LockState, ProvisionType } from '../types';
import { CORE_MESSAGES } from '../error-messages';

// The edit lock, decided here only: every caller asks, the console merely shows the answer.
// The reason's wording is the lock error's own (one text for the badge and the refusal).
export const USER_LOCK_REASON = CORE_MESSAGES.SynchronizedUser({});
export const GROUP_LOCK_REASON = CORE_MESSAGES.SynchronizedGroup({});

export function lockState(kind: 'User' | 'Group', provisionType: ProvisionType, syncEnabled: boolean): LockState {
  const locked = syncEnabled && provisionType === 'Synchronized';
  if (!locked) return { Locked: false, LockReason: null, LockReasonCode: null };
  return kind === 'User'
    ? { Locked: true, LockReason: USER_LOCK_REASON, LockReasonCode: 'SynchronizedUser' }
    : { Locked: true, LockReason: GROUP_LOCK_REASON, LockReasonCode: 'SynchronizedGroup' };
}
