// The local CA and the server certificates it signs, as files on disk: made once, owner-only, short-lived,
// renewed when near expiry or when the names change.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CA_CERT_FILE, CA_COMMON_NAME, CA_PRIVATE_FILE, loadOrCreateLocalCa, type LocalCa } from '../../../src-main/tls/local-ca';
import { ensureServerCertificate, SERVER_PRIVATE_FILE } from '../../../src-main/tls/server-certificate';
import { serverNames } from '../../../src-main/tls/server-names';
import { freshTlsDir } from '../../support/tls-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const leafOf = (chainPem: string) => new crypto.X509Certificate(chainPem.slice(0, chainPem.indexOf('-----END CERTIFICATE-----') + 25));

describe('the local CA', () => {
  let dir: string;
  let ca: LocalCa;
  beforeAll(async () => {
    dir = freshTlsDir();
    ca = await loadOrCreateLocalCa(dir);
  });

  it.runIf(process.platform !== 'win32')('keeps its key in a 0600 file inside a 0700 folder', () => {
    expect(mode(path.join(dir, CA_PRIVATE_FILE))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(fs.readFileSync(path.join(dir, CA_PRIVATE_FILE), 'utf8')).toMatch(/-----BEGIN PRIVATE KEY-----/);
    expect(fs.readFileSync(path.join(dir, CA_CERT_FILE), 'utf8')).not.toMatch(/PRIVATE KEY/);
  });

  it(`is a CA named "${CA_COMMON_NAME}" with an RSA key of at least 2048 bits`, () => {
    const cert = new crypto.X509Certificate(ca.certificatePem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toContain(`CN=${CA_COMMON_NAME}`);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it('is made once: later starts load the same CA', async () => {
    const again = await loadOrCreateLocalCa(dir);
    expect(again.certificatePem).toBe(ca.certificatePem);
  });

  it('tightens a folder that was left readable by others', async () => {
    if (process.platform === 'win32') return;
    fs.chmodSync(dir, 0o755);
    await loadOrCreateLocalCa(dir);
    expect(mode(dir)).toBe(0o700);
  });

  describe('server certificates', () => {
    const names = serverNames('127.0.0.1', 'devbox');

    it('names localhost, 127.0.0.1, ::1, the host name and the --host address, for at most 397 days', async () => {
      const issued = await ensureServerCertificate(dir, ca, serverNames('192.0.2.10', 'devbox'));
      const leaf = leafOf(issued.certificateChainPem);
      expect(leaf.subjectAltName?.split(', ').sort()).toEqual(['DNS:devbox', 'DNS:localhost', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:127.0.0.1', 'IP Address:192.0.2.10'].sort());
      expect(new Date(leaf.validTo).getTime() - new Date(leaf.validFrom).getTime()).toBeLessThanOrEqual(397 * DAY);
      expect(leaf.verify(new crypto.X509Certificate(ca.certificatePem).publicKey)).toBe(true);
      expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
      expect(leaf.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
      if (process.platform !== 'win32') expect(mode(path.join(dir, SERVER_PRIVATE_FILE))).toBe(0o600);
    });

    it('is reused while it is valid for 30 days or more and names the same addresses', async () => {
      const first = await ensureServerCertificate(dir, ca, names);
      const second = await ensureServerCertificate(dir, ca, names, new Date(Date.now() + 300 * DAY));
      expect(second.renewed).toBe(false);
      expect(second.certificateChainPem).toBe(first.certificateChainPem);
    });

    it('is issued again when fewer than 30 days are left', async () => {
      fs.rmSync(path.join(dir, SERVER_PRIVATE_FILE));
      const old = await ensureServerCertificate(dir, ca, names, new Date(Date.now() - 380 * DAY));
      expect(old.notAfter.getTime() - Date.now()).toBeLessThan(30 * DAY);
      const renewed = await ensureServerCertificate(dir, ca, names);
      expect(renewed.renewed).toBe(true);
      expect(renewed.notAfter.getTime() - Date.now()).toBeGreaterThan(390 * DAY);
    });

    it('is issued again when the addresses to name change (another --host)', async () => {
      await ensureServerCertificate(dir, ca, names);
      const moved = await ensureServerCertificate(dir, ca, serverNames('10.0.0.5', 'devbox'));
      expect(moved.renewed).toBe(true);
      expect(leafOf(moved.certificateChainPem).checkIP('10.0.0.5')).toBe('10.0.0.5');
    });

    it('is issued again when the CA that signed it is not the local CA any more', async () => {
      await ensureServerCertificate(dir, ca, names);
      const otherCa = await loadOrCreateLocalCa(freshTlsDir());
      const reissued = await ensureServerCertificate(dir, otherCa, names);
      expect(reissued.renewed).toBe(true);
      expect(leafOf(reissued.certificateChainPem).verify(new crypto.X509Certificate(otherCa.certificatePem).publicKey)).toBe(true);
    });
  });
});

describe('server names', () => {
  it('leave out a wildcard --host and spell IPv6 addresses one way', () => {
    expect(serverNames('0.0.0.0', 'Box')).toEqual({ dns: ['box', 'localhost'], ip: ['127.0.0.1', '::1'] });
    expect(serverNames('0:0:0:0:0:0:0:1', 'box').ip).toEqual(['127.0.0.1', '::1']);
    expect(serverNames('scim.example.test', 'box').dns).toEqual(['box', 'localhost', 'scim.example.test']);
  });
});
