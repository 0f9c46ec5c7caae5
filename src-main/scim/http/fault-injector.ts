import type { FaultSettings } from '../../core/types';
import { faultsActive } from '../../core/settings/fault-settings';
import { ScimError } from '../errors';

export interface InjectedFault {
  delayMs: number;
  error: ScimError | null;
}

/** Decides what deliberate misbehaviour a request gets. `random` is injectable so tests are deterministic. */
export function decideFault(settings: FaultSettings, random: () => number = Math.random): InjectedFault {
  if (!faultsActive(settings)) return { delayMs: 0, error: null };
  const delayMs = settings.LatencyMs;
  if (settings.Paused) return { delayMs, error: new ScimError(503, 'Injected fault: the SCIM endpoint is paused (fault injection is on in CloudSSO Local).', undefined, { 'Retry-After': String(settings.RetryAfterSeconds) }) };
  const roll = random();
  if (roll < settings.ThrottleRate) {
    return { delayMs, error: new ScimError(429, 'Injected fault: too many requests (fault injection is on in CloudSSO Local).', undefined, { 'Retry-After': String(settings.RetryAfterSeconds) }) };
  }
  if (roll < settings.ThrottleRate + settings.ServerErrorRate) {
    const status = random() < 0.5 ? 500 : 503;
    return { delayMs, error: new ScimError(status, `Injected fault: ${status === 500 ? 'internal error' : 'service unavailable'} (fault injection is on in CloudSSO Local).`) };
  }
  return { delayMs, error: null };
}
