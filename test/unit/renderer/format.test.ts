import { describe, expect, it } from 'vitest';
import { formatDuration, prettyBody, secretFileName } from '../../../src-renderer/components/format';
import { faultsActive } from '../../../src-renderer/store/faults';

describe('formatting for the Activity page', () => {
  it('pretty-prints JSON bodies and leaves other text alone', () => {
    expect(prettyBody('{"userName":"alice","active":true}')).toBe('{\n  "userName": "alice",\n  "active": true\n}');
    expect(prettyBody('Bad Request')).toBe('Bad Request');
    expect(prettyBody('')).toBeNull();
    expect(prettyBody(null)).toBeNull();
  });

  it('shows durations in a readable unit', () => {
    expect(formatDuration(0.2)).toBe('<1 ms');
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1530)).toBe('1.53 s');
  });

  it('names the downloaded secret after its credential', () => {
    expect(secretFileName('scimcred-abc123')).toBe('scimcred-abc123.txt');
  });
});

describe('the fault injection badge', () => {
  const off = { LatencyMs: 0, ThrottleRate: 0, RetryAfterSeconds: 5, ServerErrorRate: 0, Paused: false };
  it('is shown as soon as any fault is on, and only then', () => {
    expect(faultsActive(null)).toBe(false);
    expect(faultsActive(off)).toBe(false);
    expect(faultsActive({ ...off, LatencyMs: 200 })).toBe(true);
    expect(faultsActive({ ...off, ThrottleRate: 0.1 })).toBe(true);
    expect(faultsActive({ ...off, ServerErrorRate: 0.05 })).toBe(true);
    expect(faultsActive({ ...off, Paused: true })).toBe(true);
  });
});
