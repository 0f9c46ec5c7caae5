import { hasLoneSurrogate, decodeUtf8, INVALID_UTF8, LONE_SURROGATE } from '../../utf8-text';
import { badRequest } from '../errors';
import { assertNoPrototypeKeys } from '../prototype-keys';

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;
/** A surrogate can only enter through a \uD800–\uDFFF escape (the decoder refused raw ones): most bodies have none. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Strict UTF-8, JSON.parse, a nesting limit and no lone surrogates: malformed text is refused (400 invalidSyntax)
 *  instead of being repaired, and deep documents never reach the PATCH engine. */
export function parseJsonBody(bytes: Buffer): unknown {
  const text = decodeUtf8(bytes);
  if (text === null) throw badRequest('invalidSyntax', INVALID_UTF8);
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest('invalidSyntax', `The request body is not valid JSON: ${e instanceof Error ? e.message : 'parse error'}.`);
  }
  if (depth(value, 0) > MAX_DEPTH) throw badRequest('invalidSyntax', `The request body is nested deeper than ${MAX_DEPTH} levels.`);
  if (SURROGATE_ESCAPE.test(text) && hasLoneSurrogate(value)) throw badRequest('invalidSyntax', LONE_SURROGATE);
  // Every body of every route, before any handler or the PATCH engine sees it.
  assertNoPrototypeKeys(value);
  return value;
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
