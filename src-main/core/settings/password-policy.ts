import { invalid } from '../errors';
import type { PasswordPolicy } from '../types';
import type { SettingsStore } from './settings-store';

/** CloudSSO documents a password as 8–32 characters with upper case, lower case, digits and symbols; the other
 *  defaults are the emulator's choice (CloudSSO's public documentation does not list them). */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinPasswordLength: 8,
  MaxPasswordLength: 32,
  MinPasswordDifferentChars: 0,
  PasswordNotContainUsername: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 1,
  MaxLoginAttempts: 5,
  HardExpire: false,
  RequireLowerCaseChars: true,
  RequireUpperCaseChars: true,
  RequireNumbers: true,
  RequireSymbols: true,
};

/** What SetPasswordPolicy may change, and each one's range. */
const SETTABLE = {
  MinPasswordLength: [8, 32],
  MinPasswordDifferentChars: [0, 32],
  MaxPasswordAge: [1, 120],
  PasswordReusePrevention: [0, 24],
  MaxLoginAttempts: [0, 32],
} as const;

export type PasswordPolicyChange = Partial<Pick<PasswordPolicy, keyof typeof SETTABLE | 'PasswordNotContainUsername'>>;

export class PasswordPolicyStore {
  constructor(private readonly settings: SettingsStore) {}

  get(): PasswordPolicy {
    const text = this.settings.raw('password_policy');
    return { ...DEFAULT_PASSWORD_POLICY, ...(text ? (JSON.parse(text) as Partial<PasswordPolicy>) : {}) };
  }

  set(change: PasswordPolicyChange): PasswordPolicy {
    const next = this.get();
    for (const key of Object.keys(SETTABLE) as (keyof typeof SETTABLE)[]) {
      const value = change[key];
      if (value === undefined) continue;
      const [min, max] = SETTABLE[key];
      if (!Number.isInteger(value) || value < min || value > max) throw invalid('WholeNumberOutOfRange', { attribute: key, min, max });
      next[key] = value;
    }
    if (change.PasswordNotContainUsername !== undefined) {
      if (typeof change.PasswordNotContainUsername !== 'boolean') throw invalid('NotABoolean', { attribute: 'PasswordNotContainUsername' });
      next.PasswordNotContainUsername = change.PasswordNotContainUsername;
    }
    if (next.MinPasswordDifferentChars > next.MinPasswordLength) {
      throw invalid('PasswordPolicyConflict', { attribute: 'MinPasswordDifferentChars', different: next.MinPasswordDifferentChars, length: next.MinPasswordLength });
    }
    this.settings.putRaw('password_policy', JSON.stringify(next));
    return next;
  }
}

/** An administrator-chosen password, checked against the policy; a clear message names the first rule it breaks. */
export function checkPassword(password: unknown, policy: PasswordPolicy, userName: string): string {
  if (typeof password !== 'string' || password.length === 0) throw invalid('Required', { attribute: 'Password' });
  const fail = (rule: string) => invalid('PasswordPolicyViolation', { attribute: 'Password', rule });
  if (password.length < policy.MinPasswordLength || password.length > policy.MaxPasswordLength) {
    throw fail(`${policy.MinPasswordLength} to ${policy.MaxPasswordLength} characters`);
  }
  if (policy.RequireLowerCaseChars && !/[a-z]/.test(password)) throw fail('at least one lower-case letter');
  if (policy.RequireUpperCaseChars && !/[A-Z]/.test(password)) throw fail('at least one upper-case letter');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('at least one digit');
  if (policy.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) throw fail('at least one symbol');
  if (new Set(password).size < policy.MinPasswordDifferentChars) throw fail(`at least ${policy.MinPasswordDifferentChars} different characters`);
  if (policy.PasswordNotContainUsername && password.toLowerCase().includes(userName.toLowerCase())) throw fail('it must not contain the user name');
  return password;
}
