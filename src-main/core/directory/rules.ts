// CloudSSO's name and length rules, in one place. Every writer (SCIM, console, CLI) goes through these.
import { invalid } from '../errors';

const USER_NAME = /^[A-Za-z0-9@_.-]{1,64}$/;
const GROUP_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
// Deliberately loose: CloudSSO documents a length, not a grammar; one @ with text either side catches typos.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function checkUserName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid('UserName', 'UserName is required.');
  if (value.length > 64) throw invalid('UserName', `UserName must be at most 64 characters (got ${value.length}).`);
  if (!USER_NAME.test(value)) {
    throw invalid('UserName', 'UserName may contain only letters, digits and the characters @ _ - . (CloudSSO rule).');
  }
  return value;
}

export function checkGroupName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid('GroupName', 'GroupName is required.');
  if (value.length > 128) throw invalid('GroupName', `GroupName must be at most 128 characters (got ${value.length}).`);
  if (!GROUP_NAME.test(value)) {
    throw invalid('GroupName', 'GroupName may contain only letters, digits and the characters _ - . with no spaces (CloudSSO rule).');
  }
  return value;
}

/** Optional text: null/undefined/'' mean "not set"; otherwise bounded and free of control characters. */
export function checkOptionalText(attribute: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalid(attribute, `${attribute} must be a string.`);
  if (value.length > max) throw invalid(attribute, `${attribute} must be at most ${max} characters (got ${value.length}).`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid(attribute, `${attribute} must not contain control characters.`);
  return value;
}

export function checkEmail(value: unknown): string | null {
  const email = checkOptionalText('Email', value, 128);
  if (email !== null && !EMAIL.test(email)) throw invalid('Email', `Email "${email}" is not an e-mail address.`);
  return email;
}

export const USER_TEXT_LIMITS = { FirstName: 64, LastName: 64, DisplayName: 256, Description: 1024 } as const;
export const GROUP_DESCRIPTION_LIMIT = 1024;
export const DIRECTORY_NAME = /^[A-Za-z0-9-]{2,64}$/;
