import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'CloudSSO Local';

/** The per-user data folder, the same one Electron's app.getPath('userData') gives for this product name,
 *  so the desktop app and `serve` share a tenant by default. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CLOUDSSO_LOCAL_HOME) return env.CLOUDSSO_LOCAL_HOME;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

export const defaultTenantPath = (): string => path.join(userDataDir(), 'tenant.sqlite');

/** The version in package.json, found by walking up from this file (sources and dist sit at different depths). */
export function productVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}
