// Picks the transport once at start-up: the Electron preload when present, else the headless HTTP bridge.
import { PRELOAD_GLOBAL, type AdminApi, type PreloadAdminApi } from '../../src-main/admin/contract';
import { readTokenFromHash, takeConsoleToken } from './console-token';
import { createHttpAdminApi, type LiveState } from './http-transport';
import { createPreloadAdminApi } from './preload-transport';

export type Connection =
  | { kind: 'electron' | 'http'; api: AdminApi }
  | { kind: 'missing-token' };

export function connectAdminApi(onLiveStateChange?: (state: LiveState) => void): Connection {
  const preload = (window as unknown as Record<string, PreloadAdminApi | undefined>)[PRELOAD_GLOBAL];
  if (preload) return { kind: 'electron', api: createPreloadAdminApi(preload) };
  const token = takeConsoleToken(window.location, window.sessionStorage, window.history);
  if (!token) return { kind: 'missing-token' };
  return { kind: 'http', api: createHttpAdminApi({ token, baseUrl: window.location.origin, onLiveStateChange }) };
}

/**
 * Pasting a new console URL (a restarted server on the same port prints a new token) into an open tab only
 * changes the hash, so the page would keep its old token. Take the new one and start over with it.
 */
export function followTokenChanges(): () => void {
  const onHashChange = () => {
    if (!readTokenFromHash(window.location.hash)) return;
    takeConsoleToken(window.location, window.sessionStorage, window.history);
    window.location.reload();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
