// CloudSSO's name and length rules, in one place. Every writer (SCIM, console, CLI) goes through these.
import { invalid } from '../errors';

/** CloudSSO's length limit of each field a person types, in characters. Every writer is held to them here, and
 *  the console shows them as counters (AdminApi `rules.get`), so this is the only place they are written down. */
export const FIELD_LIMITS = {
  UserName: 64,
  GroupName: 128,
  FirstName: 64,
  LastName: 64,
  DisplayName: 256,
  Email: 128,
  Description: 1024,
  DirectoryName: 64,
} as const;

// Lengths are checked first (with their own message), so the patterns only say which characters are allowed.
const USER_NAME = /^[A-Za-z0-9@_.-]+$/;
const GROUP_NAME = /^[A-Za-z0-9_.-]+$/;
// Deliberately loose: CloudSSO documents a length, not a grammar; one @ with text either side catches typos.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function checkUserName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid('Required', { attribute: 'UserName' });
  if (value.length > FIELD_LIMITS.UserName) throw invalid('TooLong', { attribute: 'UserName', max: FIELD_LIMITS.UserName, length: value.length });
  if (!USER_NAME.test(value)) {
    throw invalid('UserNameCharacters', { attribute: 'UserName' });
  }
  return value;
}

export function checkGroupName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid('Required', { attribute: 'GroupName' });
  if (value.length > FIELD_LIMITS.GroupName) throw invalid('TooLong', { attribute: 'GroupName', max: FIELD_LIMITS.GroupName, length: value.length });
  if (!GROUP_NAME.test(value)) {
    throw invalid('GroupNameCharacters', { attribute: 'GroupName' });
  }
  return value;
}

/** Optional text: null/undefined/'' mean "not set"; otherwise bounded and free of control characters. */
export function checkOptionalText(attribute: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalid('NotAString', { attribute });
  if (value.length > max) throw invalid('TooLong', { attribute, max, length: value.length });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid('ControlCharacters', { attribute });
  return value;
}

export function checkEmail(value: unknown): string | null {
  const email = checkOptionalText('Email', value, FIELD_LIMITS.Email);
  if (email !== null && !EMAIL.test(email)) throw invalid('EmailFormat', { attribute: 'Email', email });
  return email;
}

export const USER_TEXT_LIMITS = {
  FirstName: FIELD_LIMITS.FirstName,
  LastName: FIELD_LIMITS.LastName,
  DisplayName: FIELD_LIMITS.DisplayName,
  Description: FIELD_LIMITS.Description,
} as const;
export const GROUP_DESCRIPTION_LIMIT = FIELD_LIMITS.Description;
export const DIRECTORY_NAME = new RegExp(`^[A-Za-z0-9-]{2,${FIELD_LIMITS.DirectoryName}}$`);
