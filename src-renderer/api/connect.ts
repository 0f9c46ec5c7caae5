// Picks the transport once at start-up: the Electron preload when present, else the headless HTTP bridge.
import { PRELOAD_GLOBAL, type AdminApi, type PreloadAdminApi } from '../../src-main/admin/contract';
import { takeConsoleToken } from './console-token';
import { createHttpAdminApi } from './http-transport';
import { createPreloadAdminApi } from './preload-transport';

export type Connection =
  | { kind: 'electron' | 'http'; api: AdminApi }
  | { kind: 'missing-token' };

export function connectAdminApi(onLiveStateChange?: (connected: boolean) => void): Connection {
  const preload = (window as unknown as Record<string, PreloadAdminApi | undefined>)[PRELOAD_GLOBAL];
  if (preload) return { kind: 'electron', api: createPreloadAdminApi(preload) };
  const token = takeConsoleToken(window.location, window.sessionStorage, window.history);
  if (!token) return { kind: 'missing-token' };
  return { kind: 'http', api: createHttpAdminApi({ token, baseUrl: window.location.origin, onLiveStateChange }) };
}
