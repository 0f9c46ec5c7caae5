/** What the desktop app remembers between runs (userData/preferences.json). The tenant itself lives in its own file. */
export interface Preferences {
  /** Most recent first; the first one is opened at start. */
  recentTenants: string[];
  /** Chosen after a port conflict; absent means the server's default. */
  scimPort?: number;
  acceleratedPort?: number;
  apiPort?: number;
}

export const MAX_RECENT_TENANTS = 8;

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535;
}

export function parsePreferences(stored: unknown): Preferences {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const recent = Array.isArray(record.recentTenants)
    ? record.recentTenants.filter((file): file is string => typeof file === 'string' && file.length > 0)
    : [];
  const preferences: Preferences = { recentTenants: recent.slice(0, MAX_RECENT_TENANTS) };
  if (isPort(record.scimPort)) preferences.scimPort = record.scimPort;
  if (isPort(record.acceleratedPort)) preferences.acceleratedPort = record.acceleratedPort;
  if (isPort(record.apiPort)) preferences.apiPort = record.apiPort;
  return preferences;
}

/** Moves (or adds) a tenant file to the top of the recent list, like a document in any desktop app. */
export function rememberTenant(preferences: Preferences, file: string): Preferences {
  const rest = preferences.recentTenants.filter((recent) => recent !== file);
  return { ...preferences, recentTenants: [file, ...rest].slice(0, MAX_RECENT_TENANTS) };
}

export function forgetTenant(preferences: Preferences, file: string): Preferences {
  return { ...preferences, recentTenants: preferences.recentTenants.filter((recent) => recent !== file) };
}
