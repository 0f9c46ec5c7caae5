// JavaScript resolves "__proto__", "constructor" and "prototype" to an object's prototype machinery: a request that
// gets one of them used as a property name can write to Object.prototype of the whole server (e.g. "authorization"
// or "public", which switch authentication off for every route until restart). None of them is a SCIM attribute,
// so they are refused wherever a request can name an attribute: a PATCH path and every key of every body, at any
// depth, whole or as one segment of a dotted ("__proto__.x"), URN-colon ("urn:…:User:__proto__") or bracketed form.
import { badRequest } from './errors';

const PROTOTYPE_NAME = /^(?:__proto__|constructor|prototype)$/i;
/** Cheap pre-test: almost no key contains either fragment, so the full split runs almost never. */
const MAY_NAME_PROTOTYPE = /proto|constructor/i;

/** Whether an attribute reference has a __proto__/constructor/prototype segment (any case). Quoted filter values
 *  (`emails[value eq "constructor@example.com"]`) are data and do not count. */
export function namesPrototype(reference: string): boolean {
  if (!MAY_NAME_PROTOTYPE.test(reference)) return false;
  const unquoted = reference.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return unquoted.split(/[^A-Za-z0-9_$]+/).some((segment) => PROTOTYPE_NAME.test(segment));
}

/** Where, in a parsed JSON value, the first key that names a prototype is (e.g. `Operations[0].value["__proto__.x"]`),
 *  or null. Runs on every body: the location is only spelled out on the way back from a hit. */
export function findPrototypeKey(value: unknown, where = ''): string | null {
  const trail = hostileTrail(value);
  return trail === null ? null : where + trail.reverse().map((step) => (typeof step === 'number' ? `[${step}]` : /^[A-Za-z_$][\w$]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`)).join('').replace(/^\./, where ? '.' : '');
}

/** The keys/indexes leading to the first hostile key, innermost first, or null. */
function hostileTrail(value: unknown): (string | number)[] | null {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = hostileTrail(value[i]);
      if (found !== null) return (found.push(i), found);
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (namesPrototype(key)) return [key];
    const found = hostileTrail((value as Record<string, unknown>)[key]);
    if (found !== null) return (found.push(key), found);
  }
  return null;
}

export const PROTOTYPE_RULE = 'names __proto__, constructor or prototype, which are never SCIM attributes and are refused in any path or key';

/** Refuses a request body (POST, PUT, PATCH) that has such a key anywhere: 400 invalidValue naming the key. */
export function assertNoPrototypeKeys(body: unknown): void {
  const found = findPrototypeKey(body);
  if (found !== null) throw badRequest('invalidValue', `The key ${found} ${PROTOTYPE_RULE}.`);
}
