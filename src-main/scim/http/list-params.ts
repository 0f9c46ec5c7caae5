import { badRequest } from '../errors';
import { MAX_PAGE_SIZE } from '../schema-urns';

/** startIndex/count as RFC 7644 §3.4.2.4 defines them: 1-based, integers; count clamped to CloudSSO's 100. */
export function readPaging(query: { startIndex?: unknown; count?: unknown }): { startIndex: number; count: number } {
  const startIndex = integer(query.startIndex, 'startIndex') ?? 1;
  const count = integer(query.count, 'count') ?? MAX_PAGE_SIZE;
  return { startIndex: Math.max(1, startIndex), count: Math.min(MAX_PAGE_SIZE, Math.max(0, count)) };
}

function integer(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw.trim())) throw badRequest('invalidValue', `${name} must be an integer, got ${JSON.stringify(raw).slice(0, 40)}.`);
  return Number(raw);
}
