// The console as built by Vite must load under the desktop app's rules: every script from the app itself
// (script-src 'self': no inline script, nothing remote, no eval), with relative paths that app:// resolves
// inside dist/renderer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAssetPath } from '../../src-main/electron/app-asset-path';
import { APP_ORIGIN } from '../../src-main/electron/app-origin';

const rendererDir = path.resolve(__dirname, '..', '..', 'dist', 'renderer');
const indexFile = path.join(rendererDir, 'index.html');
const built = fs.existsSync(indexFile);
if (!built) console.log(`built console check skipped: ${indexFile} does not exist yet (run npm run build:renderer)`);

describe.skipIf(!built)('the built console under the desktop app', () => {
  const html = built ? fs.readFileSync(indexFile, 'utf8') : '';
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((match) => ({ attributes: match[1]!, body: match[2]! }));
  const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);

  it('has no inline script, which script-src \'self\' would block', () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.body.trim()).toBe('');
      expect(script.attributes).toMatch(/\bsrc="/);
    }
    expect(html).not.toMatch(/\son[a-z]+="/i); // inline event handlers
  });

  it('loads everything from relative paths that app:// serves from inside dist/renderer', () => {
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      expect(reference, reference).not.toMatch(/^(https?:)?\/\//);
      const resolution = resolveAppAssetPath(new URL(reference, `${APP_ORIGIN}/index.html`).href, rendererDir);
      expect(resolution.kind, reference).toBe('file');
      if (resolution.kind === 'file') expect(fs.existsSync(resolution.path), resolution.path).toBe(true);
    }
  });

  it('uses no eval or new Function, which the CSP does not allow', () => {
    for (const file of fs.readdirSync(path.join(rendererDir, 'assets')).filter((name) => name.endsWith('.js'))) {
      const code = fs.readFileSync(path.join(rendererDir, 'assets', file), 'utf8');
      expect(code, file).not.toMatch(/\bnew Function\(|[^.\w]eval\(/);
    }
  });
});
