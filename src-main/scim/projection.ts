import { badRequest } from './errors';
import { isObject, type JsonObject } from './normalize';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schema-urns';

/** `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5): parsed once per request into lower-case paths. */
export interface Projection {
  include: string[][] | null;
  exclude: string[][];
}

const ALWAYS = new Set(['id', 'schemas', 'meta']);
const URNS = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA].map((u) => u.toLowerCase());

export function readProjection(query: { attributes?: unknown; excludedAttributes?: unknown }): Projection {
  return { include: query.attributes === undefined ? null : parseList(query.attributes, 'attributes'), exclude: query.excludedAttributes === undefined ? [] : parseList(query.excludedAttributes, 'excludedAttributes') };
}

function parseList(raw: unknown, name: string): string[][] {
  if (typeof raw !== 'string') throw badRequest('invalidValue', `${name} must be given once, as a comma-separated list.`);
  if (raw.length > 2048) throw badRequest('invalidValue', `${name} is too long.`);
  return raw.split(',').map((s) => s.trim()).filter(Boolean).map(splitPath);
}

/** "urn:…:enterprise:2.0:User:manager.value" → [urn, manager, value]; "name.givenName" → [name, givenname]. */
function splitPath(path: string): string[] {
  const lower = path.toLowerCase();
  for (const urn of URNS) {
    if (lower === urn) return [urn];
    if (lower.startsWith(`${urn}:`)) {
      const rest = lower.slice(urn.length + 1).split('.');
      return urn === ENTERPRISE_SCHEMA.toLowerCase() ? [urn, ...rest] : rest;
    }
  }
  return lower.split('.');
}

export function excludes(projection: Projection, attribute: string): boolean {
  const a = attribute.toLowerCase();
  if (projection.exclude.some((p) => p.length === 1 && p[0] === a)) return true;
  return projection.include !== null && !projection.include.some((p) => p[0] === a);
}

export function project(resource: JsonObject, projection: Projection): JsonObject {
  if (projection.include === null && projection.exclude.length === 0) return resource;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const k = key.toLowerCase();
    if (ALWAYS.has(k)) {
      out[key] = value;
      continue;
    }
    const subIncludes = projection.include?.filter((p) => p[0] === k);
    if (subIncludes && subIncludes.length === 0) continue;
    if (projection.exclude.some((p) => p.length === 1 && p[0] === k)) continue;
    const subExcludes = projection.exclude.filter((p) => p.length > 1 && p[0] === k).map((p) => p.slice(1));
    const subInclude = subIncludes && !subIncludes.some((p) => p.length === 1) ? subIncludes.map((p) => p.slice(1)) : null;
    out[key] = subInclude || subExcludes.length ? projectValue(value, { include: subInclude, exclude: subExcludes }) : value;
  }
  return out;
}

function projectValue(value: JsonObject[string], projection: Projection): JsonObject[string] {
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? projectSub(v, projection) : v));
  return isObject(value) ? projectSub(value, projection) : value;
}

function projectSub(obj: JsonObject, projection: Projection): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const k = key.toLowerCase();
    if (projection.include && !projection.include.some((p) => p[0] === k)) continue;
    if (projection.exclude.some((p) => p.length === 1 && p[0] === k)) continue;
    const deeper = projection.exclude.filter((p) => p.length > 1 && p[0] === k).map((p) => p.slice(1));
    out[key] = deeper.length ? projectValue(value, { include: null, exclude: deeper }) : value;
  }
  return out;
}
