// --tls-cert / --tls-key: what a user brings is checked before anything listens, one clear line per problem.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOwnCertificate, TlsSetupError } from '../../../src-main/tls/own-certificate';
import { ownCertificateFiles } from '../../support/tls-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const LOCAL = { dns: ['localhost'], ip: ['127.0.0.1'] };

describe('an own certificate', () => {
  let valid: Awaited<ReturnType<typeof ownCertificateFiles>>;
  let other: Awaited<ReturnType<typeof ownCertificateFiles>>;
  let expired: Awaited<ReturnType<typeof ownCertificateFiles>>;
  beforeAll(async () => {
    valid = await ownCertificateFiles(LOCAL);
    other = await ownCertificateFiles({ dns: ['scim.example.test'], ip: [] });
    expired = await ownCertificateFiles(LOCAL, new Date(Date.now() - 500 * DAY));
  });

  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(TlsSetupError);
      expect((e as Error).message).not.toContain('\n');
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('is accepted with its chain when it is current, matches its key and names the address served', () => {
    const own = loadOwnCertificate(valid.certFile, valid.keyFile, '127.0.0.1');
    expect(own.certificateChainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(loadOwnCertificate(valid.certFile, valid.keyFile, 'localhost').notAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it('with a key that belongs to another certificate', () => {
    expect(refusal(() => loadOwnCertificate(valid.certFile, other.keyFile, '127.0.0.1'))).toBe(
      `--tls-key ${other.keyFile} does not match the certificate in ${valid.certFile} (it belongs to another certificate).`,
    );
  });

  it('that has expired', () => {
    expect(refusal(() => loadOwnCertificate(expired.certFile, expired.keyFile, '127.0.0.1'))).toMatch(
      new RegExp(`^--tls-cert ${expired.certFile} expired on \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; clients will refuse it\\. Use a current certificate\\.$`),
    );
  });

  it('that does not name the address being served', () => {
    expect(refusal(() => loadOwnCertificate(other.certFile, other.keyFile, '127.0.0.1'))).toBe(
      `--tls-cert ${other.certFile} does not name 127.0.0.1, the address being served (its names: DNS:scim.example.test). Use a certificate for 127.0.0.1 or serve on an address it names with --host.`,
    );
    expect(refusal(() => loadOwnCertificate(valid.certFile, valid.keyFile, 'scim.example.test'))).toMatch(/does not name scim\.example\.test/);
  });

  it('that is not PEM, or missing', () => {
    expect(refusal(() => loadOwnCertificate(valid.keyFile, valid.keyFile, '127.0.0.1'))).toMatch(/no PEM certificate in it/);
    expect(refusal(() => loadOwnCertificate(valid.certFile, valid.certFile, '127.0.0.1'))).toMatch(/no PEM private key in it/);
    expect(refusal(() => loadOwnCertificate(`${valid.certFile}.missing`, valid.keyFile, '127.0.0.1'))).toMatch(/cannot be read \(ENOENT\)/);
    expect(fs.existsSync(valid.certFile)).toBe(true);
  });
});
