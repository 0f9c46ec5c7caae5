import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppAssetPath } from '../../src-main/electron/app-asset-path';

const root = '/opt/cloudsso/resources/app.asar/dist/renderer';

describe('app:// path containment (POSIX)', () => {
  it('serves index.html for the bare origin', () => {
    expect(resolveAppAssetPath('app://cloudsso-local/', root, path.posix)).toEqual({ kind: 'file', path: `${root}/index.html` });
    expect(resolveAppAssetPath('app://cloudsso-local', root, path.posix)).toEqual({ kind: 'file', path: `${root}/index.html` });
  });

  it('serves files inside the renderer folder, ignoring query and fragment', () => {
    expect(resolveAppAssetPath('app://cloudsso-local/assets/index-3f2a.js?v=1#x', root, path.posix)).toEqual({
      kind: 'file',
      path: `${root}/assets/index-3f2a.js`,
    });
    expect(resolveAppAssetPath('app://cloudsso-local/assets/My%20Font.woff2', root, path.posix)).toEqual({
      kind: 'file',
      path: `${root}/assets/My Font.woff2`,
    });
  });

  it.each([
    'app://cloudsso-local/../../../etc/passwd',
    'app://cloudsso-local/assets/../../main/electron/main.js',
    'app://cloudsso-local/%2e%2e/%2e%2e/etc/passwd',
    'app://cloudsso-local/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://cloudsso-local/%252e%252e/%252e%252e/etc/passwd',
    'app://cloudsso-local/..%2f..%2fetc/passwd',
    'app://cloudsso-local/..%5c..%5cetc%5cpasswd',
    'app://cloudsso-local/assets\\..\\..\\secret',
    'app://cloudsso-local/index.html%00.png',
    'app://cloudsso-local/%E0%A4%A',
    'app://cloudsso-local/./index.html',
  ])('refuses traversal attempt %s', (url) => {
    expect(resolveAppAssetPath(url, root, path.posix).kind).toBe('refused');
  });

  it('keeps an absolute-looking path inside the folder rather than reading the real one', () => {
    const resolution = resolveAppAssetPath('app://cloudsso-local//etc/passwd', root, path.posix);
    expect(resolution).toEqual({ kind: 'file', path: `${root}/etc/passwd` });
  });

  it.each(['app://other-host/index.html', 'app://cloudsso-local.evil/index.html', 'app://cloudsso-local:81/index.html', 'file:///etc/passwd', 'https://cloudsso-local/'])(
    'refuses a URL that is not this app: %s',
    (url) => expect(resolveAppAssetPath(url, root, path.posix).kind).toBe('refused'),
  );
});

describe('app:// path containment (Windows semantics)', () => {
  const windowsRoot = 'C:\\Program Files\\CloudSSO Local\\resources\\app.asar\\dist\\renderer';

  it('serves a file inside the folder', () => {
    expect(resolveAppAssetPath('app://cloudsso-local/assets/a.js', windowsRoot, path.win32)).toEqual({
      kind: 'file',
      path: `${windowsRoot}\\assets\\a.js`,
    });
  });

  it.each([
    'app://cloudsso-local/C:/Windows/win.ini',
    'app://cloudsso-local/C%3A%5CWindows%5Cwin.ini',
    'app://cloudsso-local/%5C%5Cserver%5Cshare%5Cfile',
    'app://cloudsso-local/..%5C..%5C..%5CWindows%5Cwin.ini',
    'app://cloudsso-local/index.html::$DATA',
  ])('refuses %s', (url) => expect(resolveAppAssetPath(url, windowsRoot, path.win32).kind).toBe('refused'));
});

describe('content types', () => {
  it('labels scripts as JavaScript so module scripts run under the CSP, and unknown files as opaque bytes', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/assets/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/assets/app.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/tenant.sqlite')).toBe('application/octet-stream');
  });
});
