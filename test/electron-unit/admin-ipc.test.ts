import { describe, expect, it, vi } from 'vitest';
import { ADMIN_CHANNELS, IPC_INVOKE_PREFIX } from '../../src-main/admin/contract';
import { registerAdminHandlers, type AdminDispatcher, type AdminIpcOptions } from '../../src-main/electron/admin-ipc';
import { isTrustedIpcSender } from '../../src-main/electron/ipc-sender';

type Handler = (event: unknown, request: unknown) => Promise<unknown>;

function fakeIpcMain(): AdminIpcOptions['ipcMain'] & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  const fake = {
    handlers,
    handle: (channel: string, handler: Handler) => {
      // Like Electron: a second handler for the same channel is an error, so double registration cannot hide.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      handlers.delete(channel);
    },
  };
  return fake as unknown as AdminIpcOptions['ipcMain'] & { handlers: Map<string, Handler> };
}

const APP_WINDOW_ID = 7;
const mainFrame = { url: 'app://cloudsso-local/index.html#/overview', parent: null };
const fromApp = { sender: { id: APP_WINDOW_ID }, senderFrame: mainFrame };

describe('isTrustedIpcSender', () => {
  const trusted = { frameUrl: 'app://cloudsso-local/index.html', isMainFrame: true, webContentsId: 3 };
  it('accepts the app page in the app window', () => expect(isTrustedIpcSender(trusted, 3)).toBe(true));
  it('refuses an iframe, even one on the app origin', () => expect(isTrustedIpcSender({ ...trusted, isMainFrame: false }, 3)).toBe(false));
  it('refuses another webContents', () => expect(isTrustedIpcSender(trusted, 4)).toBe(false));
  it('refuses before the window exists', () => expect(isTrustedIpcSender(trusted, null)).toBe(false));
  it('refuses a frame that is gone', () => expect(isTrustedIpcSender({ ...trusted, frameUrl: null }, 3)).toBe(false));
  it.each(['https://example.com/', 'file:///tmp/x.html', 'app://cloudsso-local.evil/index.html', 'about:blank'])(
    'refuses a page from %s',
    (frameUrl) => expect(isTrustedIpcSender({ ...trusted, frameUrl }, 3)).toBe(false),
  );
});

describe('registerAdminHandlers', () => {
  it('registers exactly one handler per AdminApi channel, under the contract prefix', () => {
    const ipcMain = fakeIpcMain();
    registerAdminHandlers({ ipcMain, currentDispatcher: () => null, appWebContentsId: () => APP_WINDOW_ID });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(ADMIN_CHANNELS.map((channel) => IPC_INVOKE_PREFIX + channel).sort());
    expect(ipcMain.handlers.size).toBe(39);
  });

  it('passes a trusted call to the server with its channel and request, and returns the server answer', async () => {
    const ipcMain = fakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true, value: { UserId: 'u-1' } }));
    registerAdminHandlers({ ipcMain, currentDispatcher: () => ({ dispatch }) as AdminDispatcher, appWebContentsId: () => APP_WINDOW_ID });
    const answer = await ipcMain.handlers.get('admin:users.get')!(fromApp, { UserId: 'u-1' });
    expect(answer).toEqual({ ok: true, value: { UserId: 'u-1' } });
    expect(dispatch).toHaveBeenCalledWith('users.get', { UserId: 'u-1' });
  });

  it('refuses a call from another page without reaching the server', async () => {
    const ipcMain = fakeIpcMain();
    const dispatch = vi.fn();
    registerAdminHandlers({ ipcMain, currentDispatcher: () => ({ dispatch }) as unknown as AdminDispatcher, appWebContentsId: () => APP_WINDOW_ID });
    const handler = ipcMain.handlers.get('admin:credentials.create')!;
    await expect(handler({ sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } }, undefined)).rejects.toThrow(/Refused/);
    await expect(handler({ sender: { id: APP_WINDOW_ID }, senderFrame: { url: mainFrame.url, parent: mainFrame } }, undefined)).rejects.toThrow(/Refused/);
    await expect(handler({ sender: { id: 99 }, senderFrame: mainFrame }, undefined)).rejects.toThrow(/Refused/);
    await expect(handler({ sender: { id: APP_WINDOW_ID }, senderFrame: null }, undefined)).rejects.toThrow(/Refused/);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers with a structured error while no tenant is open, and when the server throws', async () => {
    const ipcMain = fakeIpcMain();
    let dispatcher: AdminDispatcher | null = null;
    registerAdminHandlers({ ipcMain, currentDispatcher: () => dispatcher, appWebContentsId: () => APP_WINDOW_ID });
    const handler = ipcMain.handlers.get('admin:overview.get')!;
    expect(await handler(fromApp, undefined)).toMatchObject({ ok: false, error: { Code: 'Precondition' } });
    dispatcher = { dispatch: async () => Promise.reject(new Error('database is closed')) } as AdminDispatcher;
    expect(await handler(fromApp, undefined)).toEqual({ ok: false, error: { Code: 'Internal', Message: 'database is closed' } });
  });

  it('removes every handler it registered', () => {
    const ipcMain = fakeIpcMain();
    const unregister = registerAdminHandlers({ ipcMain, currentDispatcher: () => null, appWebContentsId: () => 1 });
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
