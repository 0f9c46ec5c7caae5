/**
 * SCIM 2.0 filters (RFC 7644 §3.4.2.2) → parameterised SQL for the users (u) and groups (g) tables.
 *
 *   const { sql, params } = compileFilter('userName eq "bob"', 'User');
 *   db.prepare(`SELECT ... FROM users u WHERE (${sql})`).all(...params);
 *
 * Emulator behaviour beyond the RFC: unquoted single-token values are read as strings
 * (externalId eq 4a3c…, as in Microsoft's Entra sample); attr[F].sub op v means one element
 * matches both F and the comparison; `ne` and `not` also match resources lacking the attribute.
 * See compileFilter for the full list.
 */
export { ScimFilterError } from './errors';
export type { FilterResource } from './attributes';
export { compileFilter, type CompiledFilter } from './compile';
export { parseFilter, printFilter, FILTER_LIMITS, type FilterAst } from './parse';
