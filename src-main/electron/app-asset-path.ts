import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type AssetResolution = { kind: 'file'; path: string } | { kind: 'refused'; reason: string };

type PathApi = Pick<typeof path, 'resolve' | 'sep' | 'isAbsolute' | 'normalize'>;

/**
 * Maps app://cloudsso-local/<path> to a file inside rootDir, or refuses. The request URL comes from a renderer
 * that could be compromised, so everything that could step outside the folder is refused rather than cleaned:
 * `..` (plain or percent-encoded, once or twice), backslashes, NUL, drive letters and absolute paths.
 * `pathApi` lets tests check Windows semantics on any machine.
 */
export function resolveAppAssetPath(requestUrl: string, rootDir: string, pathApi: PathApi = path): AssetResolution {
  const rawPath = rawPathOf(requestUrl);
  if (rawPath === null) return { kind: 'refused', reason: 'not an app:// URL of this app' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', reason: 'malformed percent-encoding' };
  }
  if (/%2e|%2f|%5c/i.test(decoded)) return { kind: 'refused', reason: 'double-encoded path characters' };
  if (decoded.includes('\0')) return { kind: 'refused', reason: 'NUL in path' };
  if (decoded.includes('\\')) return { kind: 'refused', reason: 'backslash in path' };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'refused', reason: 'dot segment in path' };
  if (segments.some((segment) => segment.includes(':'))) return { kind: 'refused', reason: 'drive letter or stream name in path' };

  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  if (pathApi.isAbsolute(relative)) return { kind: 'refused', reason: 'absolute path' };
  const root = pathApi.resolve(rootDir);
  const resolved = pathApi.resolve(root, relative);
  // Belt and braces: whatever the checks above missed, the result must still be inside the root.
  if (!resolved.startsWith(root + pathApi.sep)) return { kind: 'refused', reason: 'outside the app folder' };
  return { kind: 'file', path: resolved };
}

/** The still-encoded path of an app URL. WHATWG parsing would silently resolve `..` (and, for standard schemes,
 *  `%2e%2e`) before we could see it; reading the raw text lets us refuse such a request instead of guessing. */
function rawPathOf(requestUrl: string): string | null {
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  if (!requestUrl.startsWith(prefix)) return null;
  const rest = requestUrl.slice(prefix.length);
  if (rest !== '' && !rest.startsWith('/')) return null; // app://cloudsso-local.evil/ or app://cloudsso-local:80/
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
