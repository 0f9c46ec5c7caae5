import type { Page } from '../core/types';
import { invalidParameter } from './api-error';
import type { Params } from './params';

export const DEFAULT_MAX_RESULTS = 10;
const TOKEN_PREFIX = 'nt1.';

/** Token paging as CloudSSO does it: MaxResults 1–100 (10 by default); NextToken is opaque to the caller. Here it
 *  carries the offset of the next page [chosen], so rows added meanwhile may shift a page (as with offsets). */
export function pageRequest(params: Params): { offset: number; limit: number } {
  const limit = params.int('MaxResults', 1, 100) ?? DEFAULT_MAX_RESULTS;
  const token = params.optional('NextToken');
  if (token === undefined || token === '') return { offset: 0, limit };
  const decoded = token.startsWith(TOKEN_PREFIX) ? Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8') : '';
  if (!/^\d{1,9}$/.test(decoded)) throw invalidParameter('NextToken', 'it is not a token this API returned. Start again without NextToken.');
  return { offset: Number(decoded), limit };
}

/** The paging fields of a list answer. */
export function pageAnswer<T>(page: Page<T>, request: { offset: number; limit: number }): { TotalCounts: number; MaxResults: number; IsTruncated: boolean; NextToken?: string } {
  const next = request.offset + page.Items.length;
  const truncated = next < page.TotalCount && page.Items.length > 0;
  return {
    TotalCounts: page.TotalCount,
    MaxResults: request.limit,
    IsTruncated: truncated,
    ...(truncated ? { NextToken: TOKEN_PREFIX + Buffer.from(String(next), 'utf8').toString('base64url') } : {}),
  };
}

/** CloudSSO's Filter: `<Attribute> <eq|sw> <Value>`, case-insensitive, one attribute per list. */
export function parseNameFilter(params: Params, attribute: 'UserName' | 'GroupName'): { eq?: string; prefix?: string } {
  const filter = params.optional('Filter');
  if (filter === undefined || filter.trim() === '') return {};
  const m = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(filter);
  if (!m || m[1]!.toLowerCase() !== attribute.toLowerCase() || !['eq', 'sw'].includes(m[2]!.toLowerCase())) {
    throw invalidParameter('Filter', `expected "${attribute} eq <value>" or "${attribute} sw <value>", got "${filter}".`);
  }
  const value = /^"(.*)"$/.exec(m[3]!)?.[1] ?? m[3]!;
  return m[2]!.toLowerCase() === 'eq' ? { eq: value } : { prefix: value };
}
