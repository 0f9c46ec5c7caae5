import { describe, expect, it } from 'vitest';
import type { ChangeEvent, PreloadAdminApi } from '../../../src-main/admin/contract';
import { createPreloadAdminApi } from '../../../src-renderer/api/preload-transport';

describe('the Electron transport over window.cloudssoAdmin', () => {
  it('calls the channel method the preload exposes and passes its result through', async () => {
    const calls: unknown[] = [];
    const preload = {
      'users.get': async (request: unknown) => { calls.push(request); return { ok: true, value: { UserId: 'u-1' } }; },
      onChange: (listener: (event: ChangeEvent) => void) => { listener({ Topics: ['directory'] }); return () => {}; },
    } as unknown as PreloadAdminApi;
    const api = createPreloadAdminApi(preload);
    expect(await api.invoke('users.get', { UserId: 'u-1' })).toEqual({ ok: true, value: { UserId: 'u-1' } });
    expect(calls).toEqual([{ UserId: 'u-1' }]);
    const events: ChangeEvent[] = [];
    api.onChange((event) => events.push(event));
    expect(events).toEqual([{ Topics: ['directory'] }]);
  });

  it('answers a readable error when an older desktop shell lacks a channel', async () => {
    const api = createPreloadAdminApi({ onChange: () => () => {} } as unknown as PreloadAdminApi);
    const result = await api.invoke('demo.progress', undefined);
    expect(result).toEqual({ ok: false, error: { Code: 'Internal', Message: 'The desktop shell does not offer "demo.progress".' } });
  });
});
