import path from 'node:path';
import { PRODUCT_NAME } from './app-origin';

export const TENANT_FILE_FILTERS = [
  { name: 'CloudSSO Local tenant', extensions: ['sqlite'] },
  { name: 'All files', extensions: ['*'] },
];

/** The window title names the open tenant, like a document window. */
export function windowTitleFor(tenantFile: string | null): string {
  return tenantFile ? `${path.basename(tenantFile)} — ${PRODUCT_NAME}` : PRODUCT_NAME;
}

/** Suggested export name: the tenant's name plus the date, so repeated exports do not overwrite each other. */
export function exportFileNameFor(tenantFile: string, now: Date): string {
  const stem = path.basename(tenantFile, path.extname(tenantFile));
  const day = now.toISOString().slice(0, 10);
  return `${stem}-export-${day}.sqlite`;
}

/** A new tenant gets a name that is not taken yet in the folder, so "New Tenant…" never proposes overwriting one. */
export function unusedTenantPath(folder: string, exists: (file: string) => boolean): string {
  for (let index = 1; ; index++) {
    const candidate = path.join(folder, index === 1 ? 'tenant.sqlite' : `tenant-${index}.sqlite`);
    if (!exists(candidate)) return candidate;
  }
}
