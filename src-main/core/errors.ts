// Typed domain errors: the edges (SCIM, AdminApi, CLI) translate these, core never speaks HTTP.
// Each error carries a message code and its parameters, so every face can word it in its own language and terms.
import { CORE_MESSAGES, type CoreMessageCode, type CoreMessageParams } from './error-messages';

export type { CoreMessageCode, CoreMessageParams } from './error-messages';

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

export class CoreError<C extends CoreMessageCode = CoreMessageCode> extends Error {
  constructor(
    readonly code: CoreErrorCode,
    readonly messageCode: C,
    readonly params: CoreMessageParams[C],
  ) {
    super(CORE_MESSAGES[messageCode](params));
    this.name = 'CoreError';
  }

  /** Which attribute the error is about (CloudSSO field name), when there is one. */
  get attribute(): string | undefined {
    const { attribute } = this.params as { attribute?: string };
    return attribute;
  }
}

export const coreError = <C extends CoreMessageCode>(code: CoreErrorCode, messageCode: C, params: CoreMessageParams[C]) =>
  new CoreError(code, messageCode, params);
export const notFound = <C extends CoreMessageCode>(messageCode: C, params: CoreMessageParams[C]) => coreError('NotFound', messageCode, params);
export const conflict = <C extends CoreMessageCode>(messageCode: C, params: CoreMessageParams[C]) => coreError('Conflict', messageCode, params);
export const invalid = <C extends CoreMessageCode>(messageCode: C, params: CoreMessageParams[C]) => coreError('InvalidValue', messageCode, params);
export const locked = (reason: 'SynchronizedUser' | 'SynchronizedGroup') => coreError('Locked', reason, {});
export const isCoreError = (e: unknown): e is CoreError => e instanceof CoreError;
