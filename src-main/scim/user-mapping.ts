import type { EmailEntry, ScimUserWrite, StoredUser } from '../core/directory/user-store';
import { badRequest } from './errors';
import { isObject, normalizeDocument, optionalString, toBoolean, type Json, type JsonObject } from './normalize';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schema-urns';

/** A SCIM User body → what the core stores. The document is kept as sent; CloudSSO's fields are derived from it. */
export function userWriteFromScim(body: unknown): { write: ScimUserWrite; password: string | null } {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The request body must be a JSON object (a SCIM User).');
  const doc = normalizeDocument(body, 'User');
  const passwordKey = Object.keys(body).find((k) => k.toLowerCase() === 'password');
  const password = passwordKey ? optionalString(body[passwordKey], 'password') : null;
  if (typeof doc.userName !== 'string' || doc.userName === '') throw badRequest('invalidValue', 'userName is required and must be a string.');
  const name = doc.name === undefined ? {} : doc.name;
  if (!isObject(name)) throw badRequest('invalidValue', 'name must be an object.');
  const emails = readEmails(doc.emails);
  if (doc.active !== undefined) doc.active = toBoolean(doc.active, 'active', true);
  return {
    password,
    write: {
      UserName: doc.userName,
      FirstName: optionalString(name.givenName, 'name.givenName'),
      LastName: optionalString(name.familyName, 'name.familyName'),
      DisplayName: optionalString(doc.displayName, 'displayName'),
      Email: primaryEmail(emails),
      Status: toBoolean(doc.active, 'active', true) ? 'Enabled' : 'Disabled',
      ExternalId: optionalString(doc.externalId, 'externalId'),
      Emails: emails,
      Scim: doc,
    },
  };
}

function readEmails(value: Json | undefined): EmailEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('invalidValue', 'emails must be an array of {value, type, primary}.');
  return value.map((e, i) => {
    if (!isObject(e) || typeof e.value !== 'string') throw badRequest('invalidValue', `emails[${i}].value must be a string.`);
    return { value: e.value, type: optionalString(e.type, `emails[${i}].type`), primary: toBoolean(e.primary, `emails[${i}].primary`, false) };
  });
}

/** CloudSSO keeps one Email: the primary one, else the work one, else the first. */
function primaryEmail(emails: EmailEntry[]): string | null {
  return (emails.find((e) => e.primary) ?? emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails[0])?.value ?? null;
}

/** Document keys the resource takes from CloudSSO's columns instead (name and emails are merged with them), and
 *  __proto__, which an assignment would turn into the resource's prototype. */
const NOT_COPIED = new Set(['schemas', 'id', 'externalId', 'userName', 'name', 'displayName', 'emails', 'active', 'meta', '__proto__']);

/** The stored user → a SCIM User resource. CloudSSO's columns win over the stored document, because the
 *  console may have edited them since the IdP last wrote. Runs for every user of a list page: no copies of the
 *  document beyond the two sub-objects it changes. */
export function userResource(stored: StoredUser, base: string): JsonObject {
  const { user, scim: doc } = stored as { user: StoredUser['user']; scim: JsonObject };
  const name: JsonObject = isObject(doc.name) ? { ...doc.name } : {};
  setOrDelete(name, 'givenName', user.FirstName);
  setOrDelete(name, 'familyName', user.LastName);
  const schemas = isObject(doc[ENTERPRISE_SCHEMA]) ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA];
  const resource: JsonObject = { schemas, id: user.UserId };
  if (user.ExternalId) resource.externalId = user.ExternalId;
  resource.userName = user.UserName;
  if (Object.keys(name).length) resource.name = name;
  if (user.DisplayName !== null) resource.displayName = user.DisplayName;
  const emails = mergedEmails(doc.emails, user.Email);
  if (emails.length) resource.emails = emails;
  resource.active = user.Status === 'Enabled';
  // own keys only (a for…in would also copy anything a polluted Object.prototype made enumerable)
  for (const k of Object.keys(doc)) if (!NOT_COPIED.has(k)) resource[k] = doc[k]!;
  resource.meta = {
    resourceType: 'User',
    created: user.CreateTime,
    lastModified: user.UpdateTime,
    location: `${base}/Users/${user.UserId}`,
  };
  return resource;
}

function setOrDelete(obj: JsonObject, key: string, value: string | null): void {
  if (value === null) delete obj[key];
  else obj[key] = value;
}

function mergedEmails(stored: Json | undefined, email: string | null): JsonObject[] {
  const list = Array.isArray(stored) ? stored.filter(isObject).map((e) => ({ ...e })) : [];
  const primary = list.findIndex((e) => e.primary === true);
  const work = list.findIndex((e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work');
  // the same precedence primaryEmail() uses to pick CloudSSO's Email
  const current = primary >= 0 ? primary : work >= 0 ? work : list.length ? 0 : -1;
  if (email === null) return current >= 0 ? list.filter((_, i) => i !== current) : list;
  if (current >= 0) list[current]!.value = email;
  else list.push({ value: email, type: 'work', primary: true });
  return list;
}
