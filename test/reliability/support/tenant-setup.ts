import path from 'node:path';
import Database from 'better-sqlite3';
import { Tenant } from '../../../src-main/core/tenant';

/** A fresh tenant file with one SCIM credential and the sync switch on, as an administrator leaves it. */
export function prepareTenant(dir: string, name = 'tenant.sqlite'): { dataFile: string; secret: string; credentialId: string } {
  const dataFile = path.join(dir, name);
  const tenant = Tenant.open(dataFile);
  try {
    const c = tenant.credentials.create();
    tenant.settings.setSync('Enabled');
    return { dataFile, secret: c.CredentialSecret, credentialId: c.CredentialId };
  } finally {
    tenant.close();
  }
}

/** PRAGMA integrity_check and foreign_key_check on the file as it is on disk (recovering the WAL like any opener). */
export function integrityOf(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    const fk = db.pragma('foreign_key_check') as unknown[];
    return check === 'ok' && fk.length === 0 ? 'ok' : `integrity_check: ${String(check)}; foreign key violations: ${fk.length}`;
  } finally {
    db.close();
  }
}
