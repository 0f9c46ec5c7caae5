// The headless server hands the console its per-run token in the URL it prints (…/#token=<token>).
// The token must not stay in the address bar (screenshots, shoulder-surfing, history), but a reload
// must keep working, so it moves to sessionStorage: scoped to this tab, gone when the tab closes.

export const TOKEN_STORAGE_KEY = 'cloudsso-local.console-token';

export interface TokenLocation {
  hash: string;
  pathname: string;
  search: string;
}

export interface TokenHistory {
  replaceState(data: unknown, unused: string, url?: string): void;
}

/** Returns the token given in `hash`, or null. Accepts `#token=…` and `#/route&token=…`/`#/route?token=…`. */
export function readTokenFromHash(hash: string): string | null {
  const body = hash.replace(/^#/, '');
  for (const part of body.split(/[&?]/)) {
    const [key, value] = part.split('=');
    if (key === 'token' && value) return decodeURIComponent(value);
  }
  return null;
}

/** The hash without its token parameter (keeps a route such as `#/users` if one was given). */
export function hashWithoutToken(hash: string): string {
  const body = hash.replace(/^#/, '');
  const route = body.split(/[&?]/).filter((part) => !part.startsWith('token=') && part !== '');
  const kept = route.join('&');
  return kept ? `#${kept}` : '';
}

/**
 * Takes the token from the address bar (storing it and scrubbing it from the URL), or falls back to the one
 * stored by an earlier load of this tab. Null means the console was opened without a token.
 */
export function takeConsoleToken(location: TokenLocation, storage: Storage, history: TokenHistory): string | null {
  const fromHash = readTokenFromHash(location.hash);
  if (fromHash) {
    storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(null, '', `${location.pathname}${location.search}${hashWithoutToken(location.hash)}`);
    return fromHash;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}
