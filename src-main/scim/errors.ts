import { isCoreError, type CoreError } from '../core/errors';
import { BUSY_RETRY_AFTER_SECONDS } from '../core/store/store-errors';
import { SearchRefused } from '../core/store/search-worker';
import { wordWith } from '../core/error-messages';
import { SCIM_MESSAGES } from './error-wording';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** An RFC 7644 §3.12 error: thrown anywhere in scim/, turned into a body by the error handler. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function errorBody(e: ScimError): ScimErrorBody {
  return { schemas: [ERROR_SCHEMA], status: String(e.status), ...(e.scimType ? { scimType: e.scimType } : {}), detail: e.detail };
}

/** Core errors speak CloudSSO's field names; an IdP wants the SCIM attribute it sent. */
const scimDetail = (e: CoreError): string => wordWith(SCIM_MESSAGES, e.messageCode, e.params);

export function toScimError(e: unknown): ScimError {
  if (e instanceof ScimError) return e;
  if (e instanceof SearchRefused) {
    // RFC 7644 §3.12 tooMany: "more results than the server is willing to calculate or process"
    if (e.reason === 'budget') return new ScimError(400, `The filter is too costly: ${e.message}`, 'tooMany');
    return new ScimError(503, e.message, undefined, e.reason === 'busy' ? { 'Retry-After': '1' } : {});
  }
  if (isCoreError(e)) {
    const detail = scimDetail(e);
    switch (e.code) {
      case 'NotFound':
        return new ScimError(404, detail);
      case 'Conflict':
        return new ScimError(409, detail, 'uniqueness');
      case 'InvalidValue':
        return new ScimError(400, detail, 'invalidValue');
      case 'Immutable':
        return new ScimError(400, detail, 'mutability');
      case 'SyncDisabled':
      case 'Locked':
        return new ScimError(403, detail);
      case 'LimitExceeded':
      case 'Precondition':
        return new ScimError(400, detail, 'invalidValue');
      case 'Busy':
        // RFC 7644 §3.12: 503 means "try again later"; IdPs (Entra, Okta) honour Retry-After.
        return new ScimError(503, detail, undefined, { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) });
      case 'CannotWrite':
        return new ScimError(500, detail);
      default:
        return new ScimError(500, 'The tenant could not be read. See the server log.');
    }
  }
  return new ScimError(500, 'Internal error. The request was not applied; see the server log.');
}
