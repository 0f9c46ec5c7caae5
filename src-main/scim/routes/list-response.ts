import { LIST_SCHEMA } from '../schema-urns';

/** An RFC 7644 §3.4.2 ListResponse for one page of stored resources. */
export function listResponse<T, R>(page: { total: number; items: T[] }, startIndex: number, toResource: (item: T) => R) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: page.total,
    startIndex,
    itemsPerPage: page.items.length,
    Resources: page.items.map(toResource),
  };
}
