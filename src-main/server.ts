import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Tenant } from './core/tenant';
import type { AdminChannel, AdminRequest, AdminResponse, AdminResult, ChangeEvent, ChangeTopic, Endpoints } from './admin/contract';
import { createAdminHandlers, createDispatcher, type DemoController } from './admin/handlers';
import { buildConsoleApp, newConsoleToken } from './admin/http-bridge';
import { BackgroundCheckpointer } from './core/store/background-checkpointer';
import { buildScimApp, SCIM_PREFIX } from './scim/http/app';
import { ListenerTransport } from './tls/listener-transport';
import { HttpsService } from './tls/https-service';
import { defaultTlsDir } from './tls/tls-material';
export { defaultTenantPath } from './app-paths';

export const DEFAULT_SCIM_PORT = 18620;
export const DEFAULT_ACCELERATED_PORT = 18621;
export const DEFAULT_CONSOLE_PORT = 18622;

export interface ServeOptions {
  dataFile: string;
  /** Where the SCIM endpoints listen. The console always stays on loopback. */
  host?: string;
  port?: number;
  acceleratedPort?: number;
  /** null: no HTTP console (the desktop app talks over IPC). */
  consolePort?: number | null;
  consoleAssetsDir?: string;
  /** Lets the host plug in the demo IdP once it knows the endpoint; `notify` announces its progress to consoles. */
  demo?: (server: { scimEndpoint: () => string; trustedCa: () => string | null; tenant: Tenant; notify: (topics: ChangeTopic[]) => void }) => DemoController;
  /** true turns the tenant's HTTPS switch on (and it stays on), false off; undefined follows the switch. */
  tls?: boolean;
  /** The user's own certificate instead of one from the local CA (PEM; the key unencrypted). */
  tlsCertificate?: { certFile: string; keyFile: string };
  /** Where the local CA and the server certificate live (default: tls/ in the app's data folder). */
  tlsDir?: string;
  logLine?: (line: string) => void;
  /** The better-sqlite3 addon this process registered in place of the default one (the desktop app's Electron
   *  build in a dev checkout). Worker threads have a module cache of their own and must be told. */
  sqliteAddon?: string;
}

export interface RunningServer {
  tenant: Tenant;
  /** http:// or https://, following the HTTPS switch. */
  readonly scimEndpoint: string;
  https: HttpsService;
  /** The accelerated base URL while that feature is on, else null. */
  acceleratedEndpoint(): string | null;
  consoleUrl: string | null;
  dispatch<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Emits a change that the core cannot see (demo progress). */
  notify(topics: ChangeTopic[]): void;
  close(): Promise<void>;
}

const urlHost = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/** Requests in flight get a grace period; then open connections (an idle keep-alive socket, the console's
 *  event stream) are cut, so Ctrl+C never waits on a client that will not hang up. */
const CLOSE_GRACE_MS = 2000;
async function closeWithGrace(app: FastifyInstance): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<number> {
  await app.listen({ host, port, listenTextResolver: () => '' });
  return (app.server.address() as AddressInfo).port;
}

/** Opens the tenant and starts the SCIM, accelerated SCIM and console listeners. On any failure (a taken port)
 *  everything already started is closed again and the error, with its code (EADDRINUSE), is rethrown. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const logLine = options.logLine ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tenant = Tenant.open(options.dataFile);
  const checkpointer = BackgroundCheckpointer.start(tenant.db, tenant.file, options.sqliteAddon);
  const started: FastifyInstance[] = [];
  let scimPort = 0;
  let acceleratedPort = 0;
  const transport = new ListenerTransport();
  const base = (port: number) => `${transport.scheme}://${urlHost(host)}:${port}${SCIM_PREFIX}`;
  const scimEndpoint = () => base(scimPort);
  const acceleratedBase = () => base(acceleratedPort);
  const https = new HttpsService(
    tenant,
    transport,
    { dir: options.tlsDir ?? defaultTlsDir(), host, urlHost: urlHost(host).replace(/^\[|\]$/g, ''), own: options.tlsCertificate },
    logLine,
  );
  const listeners = new Set<(event: ChangeEvent) => void>();
  const emit = (topics: ChangeTopic[]) => listeners.forEach((l) => l({ Topics: topics }));
  let stopFeed: (() => void) | null = null;

  try {
    // Before any listener opens: a bad --tls-cert stops the start with its message (and the tenant's switch stays as
    // it was), and a certificate is never made on the request path.
    const forced = options.tlsCertificate ? true : options.tls;
    await https.start(forced);
    if (forced !== undefined) tenant.settings.setHttps(forced ? 'Enabled' : 'Disabled');

    const scim = buildScimApp({ tenant, kind: 'standard', baseUrl: scimEndpoint, logLine, transport });
    started.push(scim);
    scimPort = await listen(scim, host, options.port ?? DEFAULT_SCIM_PORT);

    const accelerated = buildScimApp({ tenant, kind: 'accelerated', baseUrl: acceleratedBase, logLine, transport });
    started.push(accelerated);
    acceleratedPort = await listen(accelerated, host, options.acceleratedPort ?? DEFAULT_ACCELERATED_PORT);

    const endpoints = (): Endpoints => ({ SCIMEndpoint: scimEndpoint(), AcceleratedEndpoint: tenant.settings.acceleratedEnabled() ? acceleratedBase() : null });
    const demo = options.demo?.({ scimEndpoint, trustedCa: () => https.trustedCa(), tenant, notify: (topics) => emit(topics) });
    const dispatch = createDispatcher(createAdminHandlers({ tenant, endpoints, demo, https }), logLine);

    stopFeed = tenant.onChange((topics) => {
      // The switch may have been turned by another process on this tenant: follow it, then tell the consoles.
      if (topics.includes('settings')) {
        const before = transport.scheme;
        void https.follow().then(() => transport.scheme !== before && emit(['settings']));
      }
      emit(topics.includes('settings') ? [...topics, 'faults'] : topics);
    });

    let consoleUrl: string | null = null;
    if (options.consolePort !== null) {
      const token = newConsoleToken();
      let consolePort = 0;
      const consoleApp = buildConsoleApp({
        dispatch,
        token,
        assetsDir: options.consoleAssetsDir ?? path.join(__dirname, '..', 'renderer'),
        port: () => consolePort,
        onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
      });
      started.push(consoleApp);
      // The console and its bridge never leave loopback, whatever --host says for SCIM.
      consolePort = await listen(consoleApp, '127.0.0.1', options.consolePort ?? DEFAULT_CONSOLE_PORT);
      consoleUrl = `http://127.0.0.1:${consolePort}/#token=${token}`;
    }

    let closing: Promise<void> | null = null;
    return {
      tenant,
      get scimEndpoint() {
        return scimEndpoint();
      },
      https,
      acceleratedEndpoint: () => endpoints().AcceleratedEndpoint,
      consoleUrl,
      dispatch,
      onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
      notify: emit,
      close: () =>
        (closing ??= (async () => {
          demo?.cancel();
          stopFeed?.();
          await Promise.allSettled(started.map(closeWithGrace));
          await checkpointer?.stop();
          tenant.close();
        })()),
    };
  } catch (e) {
    stopFeed?.();
    await Promise.allSettled(started.map(closeWithGrace));
    await checkpointer?.stop();
    tenant.close();
    throw e;
  }
}
