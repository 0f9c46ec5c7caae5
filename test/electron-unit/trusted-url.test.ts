import { describe, expect, it, vi } from 'vitest';
import { decideNavigation, decideWindowOpen, isAppUrl, isExternalWebUrl } from '../../src-main/electron/trusted-url';
import { openExternalLink } from '../../src-main/electron/external-links';
import { APP_ENTRY_URL } from '../../src-main/electron/app-origin';

describe('isAppUrl: only the console served by the app protocol is the app', () => {
  it.each([APP_ENTRY_URL, 'app://cloudsso-local/', 'app://cloudsso-local/assets/index-abc.js', 'app://cloudsso-local/index.html#/users'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'file:///work/main/dist/renderer/index.html',
    'http://cloudsso-local/index.html',
    'https://cloudsso-local/',
    'app://cloudsso-local.evil.example/index.html',
    'app://evil.example/cloudsso-local/',
    'app://cloudsso-local:8080/index.html',
    'app://user:pass@cloudsso-local/index.html',
    'app://attacker@cloudsso-local/index.html',
    'app:cloudsso-local/index.html',
    'app://cloudsso-local',
    'javascript:alert(1)',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isExternalWebUrl: what may be handed to the system browser', () => {
  it.each(['https://www.alibabacloud.com/help/en/cloudsso', 'http://localhost:3000/docs'])('allows %s', (url) =>
    expect(isExternalWebUrl(url)).toBe(true),
  );
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-settings:display',
    'vscode://file/etc/passwd',
    'mailto:someone@example.com',
    'data:text/html,<script>alert(1)</script>',
    'https://user:secret@example.com/',
    'app://cloudsso-local/index.html',
    'https://',
    'nonsense',
  ])('refuses %s', (url) => expect(isExternalWebUrl(url)).toBe(false));
});

describe('navigation and new windows', () => {
  it('lets the window move between its own pages', () => {
    expect(decideNavigation('app://cloudsso-local/index.html#/settings')).toEqual({ action: 'allow' });
  });

  it('keeps the window on the app when a web link is followed, and sends the link to the browser', () => {
    expect(decideNavigation('https://www.alibabacloud.com/help')).toEqual({ action: 'deny', openExternally: true });
  });

  it('refuses navigation to local files or scripts without opening anything', () => {
    expect(decideNavigation('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
    expect(decideNavigation('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: false });
  });

  it('never opens a second Electron window, not even for the app itself', () => {
    expect(decideWindowOpen('app://cloudsso-local/index.html')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
  });
});

describe('openExternalLink: the only way out to the browser', () => {
  it('opens https and http links', async () => {
    const open = vi.fn(async () => undefined);
    expect(await openExternalLink('https://example.com/a', open)).toBe(true);
    expect(await openExternalLink('http://example.com/b', open)).toBe(true);
    expect(open.mock.calls).toEqual([['https://example.com/a'], ['http://example.com/b']]);
  });

  it.each(['file:///C:/Windows/System32/calc.exe', 'javascript:void(0)', 'ms-msdt:/id PCWDiagnostic', 'smb://host/share'])(
    'does not open %s',
    async (url) => {
      const open = vi.fn(async () => undefined);
      expect(await openExternalLink(url, open)).toBe(false);
      expect(open).not.toHaveBeenCalled();
    },
  );
});
