import { badRequest } from '../errors';
import { assertNoPrototypeKeys } from '../prototype-keys';

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;

/** JSON.parse plus a nesting limit: deep documents are refused before they reach the PATCH engine. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest('invalidSyntax', `The request body is not valid JSON: ${e instanceof Error ? e.message : 'parse error'}.`);
  }
  if (depth(value, 0) > MAX_DEPTH) throw badRequest('invalidSyntax', `The request body is nested deeper than ${MAX_DEPTH} levels.`);
  // JSON allows "\ud800" alone, but it is not Unicode: SQLite would store the column as U+FFFD garbage while the
  // stored document kept the escape, so the two disagreed. Refuse it instead of changing the data silently.
  if (hasLoneSurrogate(value)) throw badRequest('invalidValue', 'The request body contains an unpaired UTF-16 surrogate (a lone \\uD800–\\uDFFF escape), which is not valid Unicode.');
  // Every body of every route, before any handler or the PATCH engine sees it.
  assertNoPrototypeKeys(value);
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  for (const [k, v] of Object.entries(value)) if (LONE_SURROGATE.test(k) || hasLoneSurrogate(v)) return true;
  return false;
}

function depth(value: unknown, level: number): number {
  if (level > MAX_DEPTH || typeof value !== 'object' || value === null) return level;
  let max = level;
  for (const v of Object.values(value)) {
    max = Math.max(max, depth(v, level + 1));
    if (max > MAX_DEPTH) break;
  }
  return max;
}
