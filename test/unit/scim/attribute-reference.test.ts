// Every spelling of a reference an IdP sends resolves to the same attribute of a served schema, or to a 400
// naming what is wrong; nothing else decides what a PATCH path or value key means.
import { describe, expect, it } from 'vitest';
import { resolveReference } from '../../../src-main/scim/attribute-reference';
import { ScimError } from '../../../src-main/scim/errors';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const resolved = (reference: string, resource: 'User' | 'Group' = 'User') => {
  const r = resolveReference(reference, resource);
  return { schema: r.schema, attr: r.attr?.name ?? null, sub: r.sub?.name ?? null, filtered: r.filter !== null };
};
const refusal = (reference: string, resource: 'User' | 'Group' = 'User') => {
  try {
    resolveReference(reference, resource);
  } catch (e) {
    if (e instanceof ScimError) return { status: e.status, scimType: e.scimType, detail: e.detail };
  }
  throw new Error(`${reference} was resolved`);
};

describe('resolveReference', () => {
  it.each([
    ['givenName of name', ['name.givenName', 'NAME.GIVENNAME', `${CORE}:name.givenName`, `${CORE.toUpperCase()}:name.givenName`], { schema: CORE, attr: 'name', sub: 'givenName', filtered: false }],
    ['department of the extension', [`${ENTERPRISE}:department`, `${ENTERPRISE.toLowerCase()}:Department`], { schema: ENTERPRISE, attr: 'department', sub: null, filtered: false }],
    ['manager.value of the extension', [`${ENTERPRISE}:manager.value`, `${ENTERPRISE}:Manager.Value`], { schema: ENTERPRISE, attr: 'manager', sub: 'value', filtered: false }],
    ['the whole extension', [ENTERPRISE, ENTERPRISE.toUpperCase(), ` ${ENTERPRISE} `], { schema: ENTERPRISE, attr: null, sub: null, filtered: false }],
    ['a filtered sub-attribute', ['emails[type eq "work"].value', `${CORE}:emails[type eq "work"].value`, 'emails[value eq "a]b@example.com"].value'], { schema: CORE, attr: 'emails', sub: 'value', filtered: true }],
  ])('%s: every spelling resolves alike', (_what, spellings, expected) => {
    for (const s of spellings) expect(resolved(s), s).toEqual(expected);
  });

  it('group references resolve against the Group schema, members included', () => {
    expect(resolved('members[value eq "u-1"]', 'Group')).toEqual({ schema: GROUP, attr: 'members', sub: null, filtered: true });
    expect(resolved(`${GROUP}:displayName`, 'Group')).toEqual({ schema: GROUP, attr: 'displayName', sub: null, filtered: false });
    expect(refusal(`${ENTERPRISE}:department`, 'Group')).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });

  it.each([
    ['favouriteColour', 'invalidPath', 'favouriteColour'],
    ['name.nickname', 'invalidPath', 'nickname'],
    [`${ENTERPRISE}:shoeSize`, 'invalidPath', 'shoeSize'],
    ['urn:example:other:2.0:User:x', 'invalidPath', 'urn:example:other:2.0:User:x'],
    [CORE, 'invalidPath', CORE],
    ['name[givenName eq "x"]', 'invalidPath', 'name'],
    ['emails[type eq ]', 'invalidFilter', 'emails'],
    ['emails..value', 'invalidPath', 'emails..value'],
    ['__proto__', 'invalidPath', '__proto__'],
  ])('%s → 400 %s naming it', (reference, scimType, named) => {
    const e = refusal(reference);
    expect(e).toMatchObject({ status: 400, scimType });
    expect(e.detail).toContain(named);
  });
});
