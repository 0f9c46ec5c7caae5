import { badRequest } from '../errors';

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
