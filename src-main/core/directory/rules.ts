// CloudSSO's name and length rules, in one place. Every writer (SCIM, console, CLI) goes through these.
import { invalid } from '../errors';

const USER_NAME = /^[A-Za-z0-9@_.-]{1,64}$/;
const GROUP_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
// Deliberately loose: CloudSSO documents a length, not a grammar; one @ with text either side catches typos.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function checkUserName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid('Required', { attribute: 'UserName' });
  if (value.length > 64) throw invalid('TooLong', { attribute: 'UserName', max: 64, length: value.length });
  if (!USER_NAME.test(value)) {
    throw invalid('UserNameCharacters', { attribute: 'UserName' });
  }
  return value;
}

export function checkGroupName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid('Required', { attribute: 'GroupName' });
  if (value.length > 128) throw invalid('TooLong', { attribute: 'GroupName', max: 128, length: value.length });
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
  const email = checkOptionalText('Email', value, 128);
  if (email !== null && !EMAIL.test(email)) throw invalid('EmailFormat', { attribute: 'Email', email });
  return email;
}

export const USER_TEXT_LIMITS = { FirstName: 64, LastName: 64, DisplayName: 256, Description: 1024 } as const;
export const GROUP_DESCRIPTION_LIMIT = 1024;
export const DIRECTORY_NAME = /^[A-Za-z0-9-]{2,64}$/;
