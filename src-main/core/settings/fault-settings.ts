import { invalid } from '../errors';
import type { FaultSettings } from '../types';
import type { SettingsStore } from './settings-store';

export const NO_FAULTS: FaultSettings = { LatencyMs: 0, ThrottleRate: 0, RetryAfterSeconds: 5, ServerErrorRate: 0, Paused: false };

export const faultsActive = (f: FaultSettings): boolean => f.Paused || f.LatencyMs > 0 || f.ThrottleRate > 0 || f.ServerErrorRate > 0;

/** Kept in the tenant so the CLI can switch faults on for a server that is already running. */
export class FaultSettingsStore {
  // Read on every SCIM request: through the settings snapshot, parsed again only when the text changed.
  private parsed: { text: string; value: FaultSettings } | null = null;

  constructor(private readonly settings: SettingsStore) {}

  get(): FaultSettings {
    const text = this.settings.raw('faults');
    if (text === undefined) return { ...NO_FAULTS };
    if (this.parsed?.text !== text) this.parsed = { text, value: { ...NO_FAULTS, ...(JSON.parse(text) as Partial<FaultSettings>) } };
    return { ...this.parsed.value };
  }

  set(change: Partial<FaultSettings>): FaultSettings {
    if (change === null || typeof change !== 'object') throw invalid('NotAnObject', { attribute: 'Faults' });
    const next = { ...this.get(), ...change };
    const share = (key: 'ThrottleRate' | 'ServerErrorRate') => {
      if (typeof next[key] !== 'number' || !(next[key] >= 0 && next[key] <= 1)) throw invalid('RateOutOfRange', { attribute: key });
    };
    share('ThrottleRate');
    share('ServerErrorRate');
    if (!Number.isInteger(next.LatencyMs) || next.LatencyMs < 0 || next.LatencyMs > 60_000) throw invalid('WholeNumberOutOfRange', { attribute: 'LatencyMs', min: 0, max: 60_000 });
    if (!Number.isInteger(next.RetryAfterSeconds) || next.RetryAfterSeconds < 0 || next.RetryAfterSeconds > 3600) {
      throw invalid('WholeNumberOutOfRange', { attribute: 'RetryAfterSeconds', min: 0, max: 3600 });
    }
    if (typeof next.Paused !== 'boolean') throw invalid('NotABoolean', { attribute: 'Paused' });
    const clean: FaultSettings = { LatencyMs: next.LatencyMs, ThrottleRate: next.ThrottleRate, RetryAfterSeconds: next.RetryAfterSeconds, ServerErrorRate: next.ServerErrorRate, Paused: next.Paused };
    this.settings.putRaw('faults', JSON.stringify(clean));
    return clean;
  }
}

export type FaultKind = 'paused' | 'throttled' | 'error500' | 'error503';

/** What deliberate misbehaviour one request gets, whichever face (SCIM or the OpenAPI) it came through; each
 *  adapter words it in its own protocol. `random` is injectable so tests are deterministic. */
export function decideFaultKind(settings: FaultSettings, random: () => number = Math.random): { delayMs: number; kind: FaultKind | null } {
  if (!faultsActive(settings)) return { delayMs: 0, kind: null };
  const delayMs = settings.LatencyMs;
  if (settings.Paused) return { delayMs, kind: 'paused' };
  const roll = random();
  if (roll < settings.ThrottleRate) return { delayMs, kind: 'throttled' };
  if (roll < settings.ThrottleRate + settings.ServerErrorRate) return { delayMs, kind: random() < 0.5 ? 'error500' : 'error503' };
  return { delayMs, kind: null };
}
