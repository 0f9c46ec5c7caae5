import type { FaultSettings } from '../../core/types';
import { decideFaultKind } from '../../core/settings/fault-settings';
import { ScimError } from '../errors';

export interface InjectedFault {
  delayMs: number;
  error: ScimError | null;
}

/** The core decides what deliberate misbehaviour a request gets; this words it as a SCIM error. */
export function decideFault(settings: FaultSettings, random: () => number = Math.random): InjectedFault {
  const { delayMs, kind } = decideFaultKind(settings, random);
  const retryAfter = { 'Retry-After': String(settings.RetryAfterSeconds) };
  switch (kind) {
    case null:
      return { delayMs, error: null };
    case 'paused':
      return { delayMs, error: new ScimError(503, 'Injected fault: the SCIM endpoint is paused (fault injection is on in CloudSSO Local).', undefined, retryAfter) };
    case 'throttled':
      return { delayMs, error: new ScimError(429, 'Injected fault: too many requests (fault injection is on in CloudSSO Local).', undefined, retryAfter) };
    case 'error500':
      return { delayMs, error: new ScimError(500, 'Injected fault: internal error (fault injection is on in CloudSSO Local).') };
    case 'error503':
      return { delayMs, error: new ScimError(503, 'Injected fault: service unavailable (fault injection is on in CloudSSO Local).') };
  }
}
