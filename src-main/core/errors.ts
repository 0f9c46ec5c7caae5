// Typed domain errors: the edges (SCIM, AdminApi, CLI) translate these, core never speaks HTTP.
export type CoreErrorCode =
  | 'NotFound'
  | 'Conflict'
  | 'Locked'
  | 'InvalidValue'
  | 'Immutable'
  | 'LimitExceeded'
  /** the server cannot take this now (a queue is full, a worker is missing); retrying later may work */
  | 'Busy'
  | 'SyncDisabled'
  | 'Precondition'
  | 'NotATenant'
  | 'TenantTooNew'
  /** Another process holds the tenant file's write lock; nothing was changed, the same call may succeed later. */
  | 'Busy'
  /** The tenant file or its folder cannot be written (read-only, no permission, not a file). */
  | 'CannotWrite';

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    /** Which attribute the error is about (CloudSSO field name), when there is one. */
    readonly attribute?: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export const notFound = (what: string, id: string) => new CoreError('NotFound', `${what} ${id} does not exist.`);
export const conflict = (message: string, attribute?: string) => new CoreError('Conflict', message, attribute);
export const invalid = (attribute: string, message: string) => new CoreError('InvalidValue', message, attribute);
export const locked = (reason: string) => new CoreError('Locked', reason);
export const isCoreError = (e: unknown): e is CoreError => e instanceof CoreError;
