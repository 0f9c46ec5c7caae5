// Thousands of random request bodies that put __proto__ / constructor / prototype (any case) into a key at any
// depth, in every form a SCIM reference can take (dotted, URN-colon, bracketed, as a PATCH path or a value key), at
// the PATCH engine directly and at the HTTP routes of a server running in this process. Afterwards the prototypes
// every object shares have gained nothing, and requests without a credential are still refused.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../../src-main/scim/errors';
import { groupWriteFromScim } from '../../src-main/scim/group-mapping';
import { parseJsonBody } from '../../src-main/scim/http/json-body';
import type { JsonObject } from '../../src-main/scim/normalize';
import { applyOperations, splitGroupPatch } from '../../src-main/scim/patch-engine';
import { readPatchRequest, type PatchOperation } from '../../src-main/scim/patch-request';
import { userWriteFromScim } from '../../src-main/scim/user-mapping';
import { FULL, recordFigures } from '../reliability/support/scale';
import { ENTERPRISE, GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

const ENGINE_RUNS = FULL ? 20_000 : 2_000;
const HTTP_RUNS = FULL ? 3_000 : 300;
const SEED = process.env.RELIABILITY_SEED ? { seed: Number(process.env.RELIABILITY_SEED) } : {};

const SHARED = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype } as const;
const snapshot = () => Object.fromEntries(Object.entries(SHARED).map(([k, proto]) => [k, Reflect.ownKeys(proto).map(String).sort()]));
const BEFORE = snapshot();
/** How many of the shared prototypes gained or lost an own property since this file was loaded. */
const prototypesTouched = () => {
  const now = snapshot();
  return Object.keys(SHARED).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(BEFORE[k])).length;
};

// ---- what a hostile body looks like ----
const segment = fc.constantFrom('__proto__', 'constructor', 'prototype').chain((s) =>
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((upper) => [...s].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')),
);
const target = fc.constantFrom('authorization', 'public', 'title', 'emails', 'x', 'polluted', 'userName');
/** A reference with a prototype segment somewhere: the forms a SCIM path or a value key can take. */
const hostileKey = fc.tuple(segment, target, fc.constantFrom(USER_SCHEMA, ENTERPRISE, GROUP_SCHEMA)).chain(([seg, t, urn]) =>
  fc.constantFrom(seg, `${seg}.${t}`, `${seg}:${t}`, `constructor.prototype.${t}`, `name.${seg}.${t}`, `${t}.${seg}`, `${urn}:${seg}`, `${urn}:${seg}.${t}`,
    `${urn}:name.${seg}`, `emails[type eq "work"].${seg}`, `${seg}[value eq "x"].${t}`, `${t}.${seg}.${seg}`, ` ${seg} `),
);
const plainKey = fc.constantFrom('title', 'displayName', 'name', 'name.givenName', 'emails', 'active', ENTERPRISE, `${ENTERPRISE}:department`, 'members', 'externalId');
const leaf = fc.oneof(fc.constantFrom('Bearer stolen', true, 1, null, 'x'), fc.string({ maxLength: 8 }));

/** A JSON value that holds a hostile key at some depth (0–3), built with own properties (never a prototype setter). */
function hostileValue(depth: number): fc.Arbitrary<unknown> {
  const entry = fc.tuple(hostileKey, fc.oneof(leaf, fc.constant({ public: true, authorization: 'Bearer stolen' })));
  if (depth === 0) return fc.tuple(entry, fc.array(fc.tuple(plainKey, leaf), { maxLength: 2 })).map(([bad, rest]) => Object.fromEntries([...rest, bad]));
  const inner = hostileValue(depth - 1);
  return fc.oneof(
    fc.tuple(plainKey, inner).map(([k, v]) => Object.fromEntries([[k, v]])),
    inner.map((v) => [v]),
    fc.tuple(plainKey, inner).map(([k, v]) => [{ value: 'a@example.com', type: 'work' }, Object.fromEntries([[k, v]])]),
  );
}
const anyHostileValue = fc.integer({ min: 0, max: 3 }).chain(hostileValue);
const opName = fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'REMOVE');
const operation = fc.oneof(
  fc.record({ op: opName, path: hostileKey, value: fc.oneof(leaf, anyHostileValue) }),
  fc.record({ op: opName, value: anyHostileValue }),
  fc.record({ op: opName, path: plainKey, value: anyHostileValue }),
);
/** Every body holds at least one hostile key or path: each one must be refused, and none may reach a prototype. */
const patchText = fc.array(operation, { minLength: 1, maxLength: 3 }).map((Operations) => JSON.stringify({ schemas: [PATCH_SCHEMA], Operations }));
const resourceText = (schema: string) => anyHostileValue.map((v) => JSON.stringify({ schemas: [schema], userName: 'p.user', displayName: 'p-group', ...(Array.isArray(v) ? { emails: v } : (v as object)) }));

function refusedWith400(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    expect(e.status).toBe(400);
    return;
  }
  throw new Error('a body with a __proto__/constructor/prototype key was accepted');
}

const userDocument = (): JsonObject => ({ schemas: [USER_SCHEMA], id: 'u-1', userName: 'p.user', name: { givenName: 'P' }, emails: [{ value: 'p@example.com', type: 'work', primary: true }], active: true, meta: { resourceType: 'User' } });

describe('prototype-pollution fuzz', () => {
  let bodies = 0;
  afterAll(() => expect(prototypesTouched()).toBe(0));

  it(`the PATCH engine and body mapping, directly (${ENGINE_RUNS} bodies): refused, prototypes untouched`, () => {
    fc.assert(
      fc.property(patchText, resourceText(USER_SCHEMA), (patchBody, resourceBody) => {
        bodies += 2;
        // the parser is the first line; the engine must hold on its own too (the CLI or a future adapter may call it)
        refusedWith400(() => readPatchRequest(parseJsonBody(Buffer.from(patchBody))));
        refusedWith400(() => parseJsonBody(Buffer.from(resourceBody)));
        const parsed = JSON.parse(patchBody) as { Operations: PatchOperation[] };
        refusedWith400(() => applyOperations(userDocument(), readPatchRequest(parsed), 'User'));
        // the engine alone, given the raw operations without readPatchRequest's check
        for (const op of parsed.Operations) {
          try {
            const raw = { ...op, op: String(op.op).toLowerCase() } as PatchOperation;
            userWriteFromScim(applyOperations(userDocument(), [raw], 'User'));
            const { documentOps } = splitGroupPatch([raw]);
            groupWriteFromScim(applyOperations({ schemas: [GROUP_SCHEMA], id: 'g-1', displayName: 'g' }, documentOps, 'Group'));
          } catch (e) {
            if (!(e instanceof ScimError)) throw e;
          }
        }
        try {
          userWriteFromScim(JSON.parse(resourceBody));
          groupWriteFromScim(JSON.parse(resourceBody));
        } catch (e) {
          if (!(e instanceof ScimError)) throw e;
        }
        expect(prototypesTouched()).toBe(0);
      }),
      { numRuns: ENGINE_RUNS, ...SEED },
    );
  });

  describe('at the HTTP routes of a running server', () => {
    let h: ScimHarness;
    let userId: string;
    let groupId: string;
    beforeAll(async () => {
      h = await startHarness();
      userId = (await h.scim('POST', '/Users', userBody('victim.user'))).body.id;
      groupId = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'victim-group' })).body.id;
    });
    afterAll(async () => h.close());

    const anonymousStill401 = async () => {
      for (const [method, path, body] of [['GET', '/Users'], ['GET', '/Groups'], ['POST', '/Users', userBody('anon.user')]] as const) {
        const res = await fetch(`${h.base}${path}`, { method, headers: { 'content-type': 'application/scim+json' }, body: body && JSON.stringify(body) });
        if (res.status !== 401) return false;
      }
      return true;
    };

    it('the attacks as reported: each refused with 400 naming the rule, nothing changed, anonymous still 401', async () => {
      const before = (await h.scim('GET', `/Users/${userId}`)).body;
      const reported = [
        { op: 'add', value: { '__proto__.authorization': 'Bearer stolen' } },
        { op: 'add', value: { '__proto__:title': 'x' } },
        { op: 'add', path: 'name', value: { 'constructor.prototype.x': 'y' } },
        { op: 'replace', value: { emails: [{ value: 'a@b.c' }], '__proto__.emails': 1 } },
      ];
      for (const op of reported) {
        const res = await h.scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_SCHEMA], Operations: [op] });
        expect(res.status, res.text).toBe(400);
        expect(res.body.detail).toMatch(/__proto__, constructor or prototype/);
      }
      const post = await h.scim('POST', '/Users', `{"schemas":["${USER_SCHEMA}"],"userName":"proto.post","__proto__":{"authorization":"x"}}`);
      expect(post.status, post.text).toBe(400);
      expect((await h.scim('GET', `/Users/${userId}`)).body).toEqual(before);
      expect((await h.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'no.emails' })).status).toBe(201);
      expect(await anonymousStill401()).toBe(true);
      expect(prototypesTouched()).toBe(0);
    });

    it(`random hostile POST, PUT and PATCH bodies (${HTTP_RUNS}) on users and groups: all 400, prototypes untouched, anonymous still 401`, async () => {
      const routes = fc.oneof(
        patchText.map((body) => ({ method: 'PATCH', path: `/Users/${userId}`, body })),
        patchText.map((body) => ({ method: 'PATCH', path: `/Groups/${groupId}`, body })),
        resourceText(USER_SCHEMA).map((body) => ({ method: 'POST', path: '/Users', body })),
        resourceText(USER_SCHEMA).map((body) => ({ method: 'PUT', path: `/Users/${userId}`, body })),
        resourceText(GROUP_SCHEMA).map((body) => ({ method: 'POST', path: '/Groups', body })),
        resourceText(GROUP_SCHEMA).map((body) => ({ method: 'PUT', path: `/Groups/${groupId}`, body })),
      );
      await fc.assert(
        fc.asyncProperty(routes, async ({ method, path, body }) => {
          bodies++;
          const res = await h.scim(method, path, body);
          expect(res.status, `${method} ${path} ${body} → ${res.text}`).toBe(400);
          expect(prototypesTouched()).toBe(0);
        }),
        { numRuns: HTTP_RUNS, ...SEED },
      );
      const still401 = await anonymousStill401();
      expect(still401).toBe(true);
      recordFigures('prototype-fuzz', { bodies, prototypesTouched: prototypesTouched(), anonymousStill401: still401 ? 1 : 0 });
    });
  });
});
