import { afterEach, describe, expect, it, vi } from 'vitest';
import { followChanges, useLiveTopics } from '../../../src-renderer/store/live-topics';
import { createFakeAdminApi } from './fake-admin-api';

describe('live updates', () => {
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst of change events into one refetch per topic', () => {
    vi.useFakeTimers();
    const fake = createFakeAdminApi();
    const before = { ...useLiveTopics.getState().versions };
    const stop = followChanges(fake.api, 250);
    for (let i = 0; i < 500; i++) fake.emit({ Topics: ['directory', 'activity'] });
    expect(useLiveTopics.getState().versions.directory).toBe(before.directory);
    vi.advanceTimersByTime(250);
    const after = useLiveTopics.getState().versions;
    expect(after.directory).toBe(before.directory + 1);
    expect(after.activity).toBe(before.activity + 1);
    expect(after.credentials).toBe(before.credentials);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });
});
