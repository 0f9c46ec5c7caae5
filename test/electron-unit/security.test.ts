import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy';
import { isPermissionGranted } from '../../src-main/electron/permissions';
import { applySessionSecurity, guardWebContents, secureWebPreferences } from '../../src-main/electron/security';
import type { Session, WebContents } from 'electron';

describe('web preferences of the app window', () => {
  it('follows the Electron security checklist', () => {
    const preferences = secureWebPreferences('/app/dist/main/electron/preload.js');
    expect(preferences).toMatchObject({
      preload: '/app/dist/main/electron/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it("runs scripts from the app only: no inline scripts, no eval", () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it("allows inline styles (antd's CSS-in-JS) and nothing remote", () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('permissions', () => {
  it('lets the app page write to the clipboard (copy endpoint, copy secret)', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://cloudsso-local/index.html')).toBe(true);
  });
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial'])('refuses %s', (permission) => {
    expect(isPermissionGranted(permission, 'app://cloudsso-local/index.html')).toBe(false);
  });
  it('refuses clipboard writes from any other page', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  });

  it('wires both permission handlers of the session to that rule', () => {
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void) | undefined;
    let checkHandler: ((wc: unknown, permission: string, origin: string) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    } as unknown as Session;
    applySessionSecurity(session);
    const callback = vi.fn();
    requestHandler!(null, 'media', callback, { requestingUrl: 'app://cloudsso-local/index.html' });
    expect(callback).toHaveBeenCalledWith(false);
    expect(checkHandler!(null, 'clipboard-sanitized-write', 'app://cloudsso-local')).toBe(true);
    expect(checkHandler!(null, 'geolocation', 'app://cloudsso-local')).toBe(false);
  });
});

describe('guardWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url: string) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    } as unknown as WebContents;
    const fire = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('stops the window from following an external link and hands the link to the browser', () => {
    const openExternal = vi.fn();
    const { contents, fire } = fakeContents();
    guardWebContents(contents, openExternal);
    expect(fire('will-navigate', 'https://www.alibabacloud.com/help')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.alibabacloud.com/help');
  });

  it('stops redirects away from the app and navigation to files without opening them', () => {
    const openExternal = vi.fn();
    const { contents, fire } = fakeContents();
    guardWebContents(contents, openExternal);
    expect(fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets the app move between its own pages', () => {
    const { contents, fire } = fakeContents();
    guardWebContents(contents, vi.fn());
    expect(fire('will-navigate', 'app://cloudsso-local/index.html')).toBe(false);
  });

  it('refuses <webview> and every new window', () => {
    const openExternal = vi.fn();
    const { contents, fire, open } = fakeContents();
    guardWebContents(contents, openExternal);
    expect(fire('will-attach-webview', '')).toBe(true);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://cloudsso-local/index.html')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });
});
