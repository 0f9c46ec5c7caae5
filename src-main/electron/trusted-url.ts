import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-origin';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for the app's own pages only: app://cloudsso-local/... (no credentials, no port, no look-alike host). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    url.startsWith(`${APP_ORIGIN}/`)
  );
}

/** The only links the app hands to the system browser: plain http(s) with a host. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny'; openExternally: boolean };

/** will-navigate / will-redirect: the window only ever shows the app's own pages; web links go to the browser. */
export function decideNavigation(targetUrl: string): NavigationDecision {
  if (isAppUrl(targetUrl)) return { action: 'allow' };
  return { action: 'deny', openExternally: isExternalWebUrl(targetUrl) };
}

/** window.open / target=_blank: never a new Electron window; web links go to the browser. */
export function decideWindowOpen(targetUrl: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isExternalWebUrl(targetUrl) };
}
