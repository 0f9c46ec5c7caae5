// Whether the desktop app can be launched here, and if not, why (printed by the suite when it skips).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const projectDir = path.resolve(__dirname, '..', '..');
const projectRequire = createRequire(path.join(projectDir, 'package.json'));

export type Runtime = { available: true; electronPath: string } | { available: false; reason: string };

export function desktopRuntime(): Runtime {
  let electronPath: string;
  try {
    electronPath = projectRequire('electron') as string;
  } catch (error) {
    return { available: false, reason: `Electron runtime not installed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!fs.existsSync(electronPath)) return { available: false, reason: `Electron runtime not installed: ${electronPath} does not exist` };
  const mainScript = path.join(projectDir, 'dist', 'main', 'electron', 'main.js');
  if (!fs.existsSync(mainScript)) return { available: false, reason: `the app is not built: ${mainScript} is missing (run npm run build)` };
  const nativeBuild = path.join(projectDir, 'native', 'electron', 'better_sqlite3.node');
  if (!fs.existsSync(nativeBuild)) {
    return { available: false, reason: `better-sqlite3 has no Electron build at ${nativeBuild} (run npm run rebuild:electron-native)` };
  }
  return { available: true, electronPath };
}
