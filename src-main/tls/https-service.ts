// Keeps the listeners' transport in step with the tenant's HTTPS switch: the switch can change from the console,
// from `serve --tls`, or from another process on the same tenant, and the listeners follow on the same ports.
import type { CaCertificate, HttpsSettings, Status } from '../core/types';
import type { Tenant } from '../core/tenant';
import { loadOrCreateLocalCa, readLocalCaCertificate, summarizeCertificate } from './local-ca';
import type { ListenerTransport } from './listener-transport';
import { prepareTlsMaterial, type TlsMaterial, type TlsSource } from './tls-material';

export class HttpsService {
  private material: TlsMaterial | null = null;
  private error: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly tenant: Tenant,
    private readonly transport: ListenerTransport,
    private readonly source: TlsSource,
    private readonly logLine: (line: string) => void,
  ) {}

  state(): HttpsSettings {
    const served = this.transport.current();
    return {
      Status: this.tenant.settings.httpsStatus(),
      Serving: this.transport.scheme,
      CertificateSource: this.source.own ? 'Own' : 'LocalCA',
      CertificateNotAfter: served ? served.notAfter.toISOString() : null,
      Error: this.error,
    };
  }

  /** Turns the switch and waits until the listeners serve what it says (or the reason they cannot is known). */
  async set(status: Status): Promise<HttpsSettings> {
    this.tenant.settings.setHttps(status);
    await this.follow();
    return this.state();
  }

  /** Brings the listeners in line with the switch. Calls run one after another, never interleaved. */
  follow(): Promise<void> {
    this.queue = this.queue.then(() => this.apply());
    return this.queue;
  }

  /** At start the own certificate's problems are the caller's to report (serve exits with the message).
   *  `forced` is serve's --tls / --no-tls for this start; undefined follows the tenant's switch. */
  async start(forced?: boolean): Promise<void> {
    if (!(forced ?? this.tenant.settings.httpsStatus() === 'Enabled')) return;
    this.material = await prepareTlsMaterial(this.source);
    this.logLine(this.material.note);
    this.transport.use(this.material);
  }

  /** The local CA's certificate for the user to trust (made now if asked to and HTTPS was never on). Null with an
   *  own certificate, which the local CA has nothing to do with. */
  async caCertificate(create = true): Promise<CaCertificate | null> {
    if (this.source.own) return null;
    const pem = readLocalCaCertificate(this.source.dir) ?? (create ? (await loadOrCreateLocalCa(this.source.dir)).certificatePem : null);
    return pem ? summarizeCertificate(pem) : null;
  }

  /** The CA a local client (the demo IdP) must trust to reach these listeners, while they serve HTTPS. */
  trustedCa(): string | null {
    return this.transport.current()?.caPem ?? null;
  }

  private async apply(): Promise<void> {
    const wanted = this.tenant.settings.httpsStatus() === 'Enabled';
    if (!wanted) {
      this.error = null;
      if (this.transport.current()) this.logLine('HTTPS turned off: serving plain HTTP on the same ports.');
      this.transport.use(null);
      return;
    }
    if (this.transport.current()) return;
    try {
      this.material ??= await prepareTlsMaterial(this.source);
      this.error = null;
      this.logLine(`${this.material.note}; serving HTTPS on the same ports.`);
      this.transport.use(this.material);
    } catch (e) {
      this.error = `HTTPS could not be turned on: ${e instanceof Error ? e.message : String(e)}`;
      this.logLine(this.error);
    }
  }
}
