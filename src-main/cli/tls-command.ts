// `tls ca` exports the local CA's certificate for a user to trust; `tls status` shows what is there.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CA_PRIVATE_FILE, loadOrCreateLocalCa, readLocalCaCertificate, summarizeCertificate } from '../tls/local-ca';
import { pemBlocks } from '../tls/pem';
import { SERVER_PRIVATE_FILE } from '../tls/server-certificate';
import { defaultTlsDir } from '../tls/tls-material';
import { fields, print } from './output';

export function registerTlsCommands(program: Command): void {
  const tls = program.command('tls').description("the local certificate authority behind HTTPS (serve --tls): export it to trust it, or see its state");
  tls
    .command('ca')
    .description('write the local CA certificate (made now if HTTPS was never used) to trust it; see docs/https.md')
    .option('--out <file>', 'where to write the PEM file (default: standard output)')
    .action(async (flags: { out?: string }) => {
      // a failure (an unwritable --out) reaches the CLI's one failure reporter
      const dir = defaultTlsDir();
      const pem = readLocalCaCertificate(dir) ?? (await loadOrCreateLocalCa(dir)).certificatePem;
      if (!flags.out) return void process.stdout.write(pem);
      fs.writeFileSync(flags.out, pem);
      const ca = summarizeCertificate(pem);
      process.stderr.write(`Wrote the CloudSSO Local Development CA to ${path.resolve(flags.out)}\n  SHA-256 ${ca.Sha256Fingerprint}\n  valid until ${ca.NotAfter}\n`);
    });
  tls
    .command('status')
    .description('the local CA and the current server certificate: fingerprints, expiry, where they are kept')
    .option('--json', 'print as JSON')
    .action((flags: { json?: boolean }) => {
      const dir = defaultTlsDir();
      const caPem = readLocalCaCertificate(dir);
      const ca = caPem ? summarizeCertificate(caPem) : null;
      const serverPem = pemBlocks(fs.existsSync(path.join(dir, SERVER_PRIVATE_FILE)) ? fs.readFileSync(path.join(dir, SERVER_PRIVATE_FILE), 'utf8') : '', 'CERTIFICATE')[0];
      const server = serverPem ? new crypto.X509Certificate(serverPem) : null;
      const status = {
        Folder: dir,
        CaFile: caPem ? path.join(dir, CA_PRIVATE_FILE) : null,
        CaSubject: ca?.Subject ?? null,
        CaSha256Fingerprint: ca?.Sha256Fingerprint ?? null,
        CaNotAfter: ca?.NotAfter ?? null,
        ServerCertificateNames: server?.subjectAltName ?? null,
        ServerCertificateNotAfter: server ? new Date(server.validTo).toISOString() : null,
      };
      print(status, flags, () => (ca ? fields(status) : `No local CA yet in ${dir}. It is made the first time HTTPS is used (serve --tls) or by \`tls ca\`.`));
    });
}
