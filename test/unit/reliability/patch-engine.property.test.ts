// Property-based tests for the PATCH engine (patch-request.ts + patch-engine.ts) and what the routes do with its
// result: any input yields a result or a ScimError (400 with a scimType), never an exception that escapes.
// The filter parser/compiler has its own properties in test/unit/filter/property.test.ts (parse → print → parse).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredUser } from '../../../src-main/core/directory/user-store';
import { ScimError } from '../../../src-main/scim/errors';
import { groupWriteFromScim } from '../../../src-main/scim/group-mapping';
import type { JsonObject } from '../../../src-main/scim/normalize';
import { applyOperations, memberIds, splitGroupPatch } from '../../../src-main/scim/patch-engine';
import { readPatchRequest, type PatchOperation } from '../../../src-main/scim/patch-request';
import { userResource, userWriteFromScim } from '../../../src-main/scim/user-mapping';
import { SCALE } from '../../reliability/support/scale';

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const RUNS = { numRuns: SCALE.patchRuns };

/** Nothing a request does may add to the prototypes every object in the server shares. */
function expectNoPollution(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.keys(Array.prototype)).toEqual([]);
}

/** Calls fn; a ScimError must be a 400 with a scimType and a detail; anything else thrown fails the property. */
function resultOrScimError<T>(fn: () => T): T | ScimError {
  try {
    return fn();
  } catch (e) {
    expectNoPollution();
    if (!(e instanceof ScimError)) throw new Error(`escaped ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    expect(e.status).toBe(400);
    expect(e.scimType).toBeTruthy();
    expect(e.detail.length).toBeGreaterThan(0);
    return e;
  }
}

const stored: StoredUser = {
  user: {
    UserId: 'u-propertytest0000001', UserName: 'prop.user', FirstName: 'Pro', LastName: 'Perty', DisplayName: 'Prop User', Email: 'prop@example.com',
    Status: 'Enabled', ExternalId: 'ext-1', CreateTime: '2026-01-01T00:00:00.000Z', UpdateTime: '2026-01-02T00:00:00.000Z',
  },
  scim: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE], userName: 'prop.user', name: { givenName: 'Pro', familyName: 'Perty' },
    emails: [{ value: 'prop@example.com', type: 'work', primary: true }, { value: 'home@example.com', type: 'home' }],
    phoneNumbers: [{ value: '+1', type: 'work' }], title: 'Tester', [ENTERPRISE]: { employeeNumber: '7', manager: { value: 'u-boss' } },
  },
};
const userDoc = () => userResource(stored, 'http://127.0.0.1/scim/v2');
const groupDoc = (): JsonObject => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g-1', displayName: 'group-one', externalId: 'x', meta: { resourceType: 'Group' } });

const name = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,6}$/);
const path = fc.oneof(
  fc.constantFrom(
    'displayName', 'active', 'title', 'userName', 'externalId', 'id', 'meta', 'meta.created', 'schemas', 'name', 'name.givenName', 'name.familyName',
    'emails', 'emails.value', 'emails[type eq "work"]', 'emails[type eq "work"].value', 'emails[primary eq true].value', 'emails[value co "@"].type',
    'emails[type eq "nope"].value', 'phoneNumbers[type eq "work"].value', 'members', 'members[value eq "u-1"]', 'members[value eq "u-1"].display',
    'members.value', `${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager`, `${ENTERPRISE}:manager.value`, 'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
    'password', '__proto__', '__proto__.polluted', 'constructor.prototype.polluted', 'emails[', 'emails]', '[]', '.', 'a..b', 'emails[type eq]', 'emails[not (type eq "work")]',
    'emails[type eq "work" or type eq "home"].value', 'x[y eq "z"].w.v',
  ),
  name,
  fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
  fc.tuple(name, name, fc.string({ maxLength: 6 })).map(([a, b, v]) => `${a}[${b} eq ${JSON.stringify(v)}]`),
  fc.string({ maxLength: 20 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.constantFrom('False', 'True', '', null, [], {}, [{ value: 'u-1' }], [{ $ref: null, value: 'u-2' }], { active: false }, { 'name.givenName': 'G' }, { displayName: 'n', id: 'i' },
    { members: [{ value: 'u-3' }] }, { __proto__: { polluted: true } }, { [ENTERPRISE]: { employeeNumber: '9' } }, [{ value: 'a@b.c', type: 'work', primary: true }]),
);
const opName = fc.oneof(fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'REPLACE'), fc.constantFrom('move', 'copy', 'test', '', 'addd'), fc.jsonValue({ maxDepth: 1 }));
const operation = fc.record({ op: opName, path, value }, { requiredKeys: ['op'] });
const patchBody = fc.oneof(
  { weight: 6, arbitrary: fc.array(operation, { minLength: 1, maxLength: 5 }).map((Operations) => ({ schemas: [PATCH_SCHEMA], Operations })) },
  fc.array(operation, { maxLength: 3 }).map((operations) => ({ operations })),
  fc.record({ schemas: fc.jsonValue({ maxDepth: 1 }), Operations: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
  fc.anything({ maxDepth: 3 }),
);

describe('PATCH engine properties', () => {
  afterAll(() => expectNoPollution());

  it('paths through __proto__ / constructor.prototype are refused (they once reached Object.prototype)', () => {
    for (const path of ['__proto__.public', 'constructor.prototype.public', 'name.__proto__', 'emails[type eq "work"].__proto__.x']) {
      const e = resultOrScimError(() => readPatchRequest({ Operations: [{ op: 'add', path, value: true }] }));
      expect(e).toBeInstanceOf(ScimError);
      expect((e as ScimError).scimType).toBe('invalidPath');
    }
    expectNoPollution();
  });

  it('readPatchRequest: any body → valid operations or a 400 ScimError', () => {
    fc.assert(
      fc.property(patchBody, (body) => {
        const ops = resultOrScimError(() => readPatchRequest(body));
        if (ops instanceof ScimError) return;
        expect(ops.length).toBeGreaterThan(0);
        for (const op of ops) {
          expect(['add', 'replace', 'remove']).toContain(op.op);
          if (op.path !== undefined) expect(op.path.trim()).toBe(op.path);
          if (op.op === 'remove') expect(op.path).toBeTruthy();
          else expect(op.value).not.toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it('a User PATCH end to end (read → apply → map to the core write): a write or a 400, and the stored document is not changed in place', () => {
    fc.assert(
      fc.property(patchBody, (body) => {
        const ops = resultOrScimError(() => readPatchRequest(body));
        if (ops instanceof ScimError) return;
        const doc = userDoc();
        const before = structuredClone(doc);
        const patched = resultOrScimError(() => applyOperations(doc, ops, 'User'));
        expect(doc).toEqual(before);
        if (patched instanceof ScimError) return;
        expect(() => JSON.stringify(patched)).not.toThrow();
        const write = resultOrScimError(() => userWriteFromScim(patched));
        if (write instanceof ScimError) return;
        expect(typeof write.write.UserName).toBe('string');
        expect(['Enabled', 'Disabled']).toContain(write.write.Status);
        expectNoPollution();
      }),
      RUNS,
    );
  });

  it('a Group PATCH end to end (split membership steps, apply the rest, map): a result or a 400', () => {
    fc.assert(
      fc.property(patchBody, (body) => {
        const ops = resultOrScimError(() => readPatchRequest(body));
        if (ops instanceof ScimError) return;
        const split = resultOrScimError(() => splitGroupPatch(ops));
        if (split instanceof ScimError) return;
        for (const step of split.memberSteps) for (const ids of [step.add, step.remove, step.set]) if (ids) expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
        const patched = resultOrScimError(() => applyOperations(groupDoc(), split.documentOps, 'Group'));
        if (patched instanceof ScimError) return;
        resultOrScimError(() => groupWriteFromScim(patched));
        expectNoPollution();
      }),
      RUNS,
    );
  });

  it('memberIds: any value → a list of non-empty string ids or a 400', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
        const ids = resultOrScimError(() => memberIds(v as never));
        if (!(ids instanceof ScimError)) expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('replace is idempotent: applying the same replace twice gives what applying it once gives', () => {
    const replace = fc.record({ op: fc.constant('replace' as const), path: fc.constantFrom('displayName', 'title', 'name.givenName', 'emails[type eq "work"].value', `${ENTERPRISE}:employeeNumber`), value: fc.string({ minLength: 1, maxLength: 20 }) });
    fc.assert(
      fc.property(replace, (op) => {
        const once = resultOrScimError(() => applyOperations(userDoc(), [op as PatchOperation], 'User'));
        if (once instanceof ScimError) return;
        expect(applyOperations(once, [op as PatchOperation], 'User')).toEqual(once);
      }),
      RUNS,
    );
  });

  it('known answers: the operations Entra and Okta send do what they say', () => {
    const apply = (...ops: unknown[]) => applyOperations(userDoc(), readPatchRequest({ schemas: [PATCH_SCHEMA], Operations: ops }), 'User');
    expect(userWriteFromScim(apply({ op: 'Replace', path: 'active', value: 'False' })).write.Status).toBe('Disabled');
    expect(userWriteFromScim(apply({ op: 'replace', value: { active: false } })).write.Status).toBe('Disabled');
    expect(apply({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.com' }).emails).toContainEqual(expect.objectContaining({ type: 'work', value: 'new@example.com' }));
    expect(apply({ op: 'remove', path: 'title' }).title).toBeUndefined();
    const split = splitGroupPatch(readPatchRequest({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'remove', path: 'members[value eq "u-9"]' }, { op: 'add', path: 'members', value: [{ value: 'u-8' }] }] }));
    expect(split.memberSteps).toEqual([{ remove: ['u-9'] }, { add: ['u-8'] }]);
  });
});
