// Certificates for tests. RSA key generation takes a good fraction of a second, so the local CA and its server
// certificate are made once per machine user in one folder and reused by every test that does not test their
// making (the code under test checks and renews what it finds there, as it does for a user).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function sharedTlsDir(): string {
  return path.join(os.tmpdir(), `cloudsso-test-tls-${os.userInfo().uid}`);
}

export function freshTlsDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-tls-')), 'tls');
}
