import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The e2e suite drives the built product (bin/cloudsso-local.js serve → dist/). Build it when it is missing,
// so `npm run test:e2e` works from a clean checkout; `npm test` builds before it anyway.
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  const needed = [path.join(root, 'dist', 'main', 'main-cli.js'), path.join(root, 'dist', 'renderer', 'index.html')];
  const missing = needed.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    console.log(`e2e: building first, missing ${missing.map((file) => path.relative(root, file)).join(', ')}`);
    execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  }
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('e2e: Debian Chromium is missing. Install it with `apt-get install -y chromium` (or `npm run setup:test`), or set CHROMIUM_PATH.');
  }
}
