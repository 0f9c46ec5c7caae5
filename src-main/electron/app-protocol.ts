import fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { resolveAppAssetPath, mimeTypeFor } from './app-asset-path';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/** Must run before app 'ready': a standard, secure scheme gets a real origin, so 'self' in the CSP means it.
 *  corsEnabled: Vite emits `<script type="module" crossorigin>`, which is fetched in CORS mode. No other origin can
 *  read these responses, because they carry no Access-Control-Allow-Origin header. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, corsEnabled: true },
};

/** Serves the built console (dist/renderer) on app://cloudsso-local/, nothing outside that folder. */
export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const resolution = resolveAppAssetPath(request.url, rendererDir);
    if (resolution.kind === 'refused') return new Response(`Refused: ${resolution.reason}`, { status: 403 });
    try {
      const body = await fs.readFile(resolution.path);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': mimeTypeFor(resolution.path),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
