import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Tenant } from './core/tenant';
import type { AdminChannel, AdminRequest, AdminResponse, AdminResult, ChangeEvent, ChangeTopic, Endpoints } from './admin/contract';
import { createAdminHandlers, createDispatcher, type DemoController } from './admin/handlers';
import { buildConsoleApp, newConsoleToken } from './admin/http-bridge';
import { BackgroundCheckpointer } from './core/store/background-checkpointer';
import { SearchWorker } from './core/store/search-worker';
import { buildScimApp, SCIM_PREFIX } from './scim/http/app';
import { closeWithGrace, LISTENERS, listen, requestedPort, ToggledListener } from './listeners';
import { ListenerTransport } from './tls/listener-transport';
import { HttpsService } from './tls/https-service';
import { defaultTlsDir } from './tls/tls-material';
import { buildOpenApiApp } from './openapi/app';
export { defaultTenantPath } from './app-paths';
export { PortInUseError, LISTENERS } from './listeners';

export const DEFAULT_SCIM_PORT = LISTENERS.scim.defaultPort;
export const DEFAULT_ACCELERATED_PORT = LISTENERS.accelerated.defaultPort;
export const DEFAULT_CONSOLE_PORT = LISTENERS.console.defaultPort;
export const DEFAULT_API_PORT = LISTENERS.api.defaultPort;

export interface ServeOptions {
  dataFile: string;
  /** Where the SCIM endpoints listen. The console always stays on loopback. */
  host?: string;
  /** 0: a free port; then every port not given is a free one too. */
  port?: number;
  /** Used only while the accelerated endpoint is on: the listener opens and closes with the feature. */
  acceleratedPort?: number;
  /** CloudSSO's OpenAPI; null: not served. */
  apiPort?: number | null;
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
  /** How long a search that no index serves may run before it is refused (SEARCH_DEFAULTS.budgetMs: 2 s). */
  searchBudgetMs?: number;
}

export interface RunningServer {
  tenant: Tenant;
  /** http:// or https://, following the HTTPS switch. */
  readonly scimEndpoint: string;
  https: HttpsService;
  /** The accelerated base URL while that feature is on, else null. */
  acceleratedEndpoint(): string | null;
  /** CloudSSO's OpenAPI endpoint (for SDKs, the aliyun CLI, Terraform), or null when not served; https:// while HTTPS is on. */
  readonly apiEndpoint: string | null;
  consoleUrl: string | null;
  dispatch<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Emits a change that the core cannot see (demo progress). */
  notify(topics: ChangeTopic[]): void;
  close(): Promise<void>;
}

const urlHost = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/** Opens the tenant and starts the SCIM and console listeners, and the accelerated SCIM listener while that feature
 *  is on (it follows the setting from then on). On any failure (a taken port: PortInUseError, code EADDRINUSE)
 *  everything already started is closed again and the error is rethrown. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const logLine = options.logLine ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tenant = Tenant.open(options.dataFile, 'serve');
  const checkpointer = BackgroundCheckpointer.start(tenant.db, tenant.file, options.sqliteAddon);
  // started on the first costly search, so a server that never gets one never starts its thread
  const searches = new SearchWorker(tenant.file, { addon: options.sqliteAddon, budgetMs: options.searchBudgetMs, logLine });
  const started: FastifyInstance[] = [];
  const ports = { scim: options.port, accelerated: options.acceleratedPort, console: options.consolePort ?? undefined, api: options.apiPort ?? undefined };
  let scimPort = 0;
  const transport = new ListenerTransport();
  const base = (port: number) => `${transport.scheme}://${urlHost(host)}:${port}${SCIM_PREFIX}`;
  const scimEndpoint = () => base(scimPort);
  const https = new HttpsService(
    tenant,
    transport,
    { dir: options.tlsDir ?? defaultTlsDir(), host, urlHost: urlHost(host).replace(/^\[|\]$/g, ''), own: options.tlsCertificate },
    logLine,
  );
  // Every SCIM listener is made through the same transport, so the HTTPS switch applies to each of them.
  const accelerated: ToggledListener = new ToggledListener(
    'accelerated',
    host,
    requestedPort('accelerated', ports),
    () => buildScimApp({ tenant, kind: 'accelerated', baseUrl: () => acceleratedBase() ?? '', logLine, searches, transport }),
    logLine,
  );
  const acceleratedBase = (): string | null => (accelerated.openPort === null ? null : base(accelerated.openPort));
  const listeners = new Set<(event: ChangeEvent) => void>();
  const emit = (topics: ChangeTopic[]) => listeners.forEach((l) => l({ Topics: topics }));
  let stopFeed: (() => void) | null = null;

  try {
    // Before any listener opens: a bad --tls-cert stops the start with its message (and the tenant's switch stays as
    // it was), and a certificate is never made on the request path.
    const forced = options.tlsCertificate ? true : options.tls;
    await https.start(forced);
    if (forced !== undefined) tenant.settings.setHttps(forced ? 'Enabled' : 'Disabled');

    const scim = buildScimApp({ tenant, kind: 'standard', baseUrl: scimEndpoint, logLine, searches, transport });
    started.push(scim);
    scimPort = await listen(scim, 'scim', host, requestedPort('scim', ports));

    await accelerated.sync(tenant.settings.acceleratedEnabled(), 'throw');

    // CloudSSO's OpenAPI: the third face of the same core, on the SCIM endpoints' host, made through the same
    // transport so it is served over HTTPS exactly when the SCIM listeners are.
    let apiPort: number | null = null;
    if (options.apiPort !== null) {
      const api = buildOpenApiApp({ tenant, logLine, transport });
      started.push(api);
      apiPort = await listen(api, 'api', host, requestedPort('api', ports));
    }
    const apiEndpoint = (): string | null => (apiPort === null ? null : `${transport.scheme}://${urlHost(host)}:${apiPort}`);

    const endpoints = (): Endpoints => ({
      SCIMEndpoint: scimEndpoint(),
      AcceleratedEndpoint: tenant.settings.acceleratedEnabled() ? acceleratedBase() : null,
      APIEndpoint: apiEndpoint(),
    });
    const demo = options.demo?.({ scimEndpoint, trustedCa: () => https.trustedCa(), tenant, notify: (topics) => emit(topics) });
    const followSettings = () => accelerated.sync(tenant.settings.acceleratedEnabled(), 'use a free port');
    const dispatch = createDispatcher(createAdminHandlers({ tenant, endpoints, followSettings, demo, searches, https }), logLine);

    stopFeed = tenant.onChange((topics) => {
      if (topics.includes('settings')) {
        // The switches may also be flipped by the CLI or another process on the same file. Consoles hear about it
        // again once the listeners have followed, so they show the endpoints as they really are.
        const before = transport.scheme;
        followSettings().then(
          () => emit(['settings']),
          (e: unknown) => logLine(`The accelerated SCIM endpoint could not be opened: ${String(e)}`),
        );
        https.follow().then(
          () => transport.scheme !== before && emit(['settings']),
          (e: unknown) => logLine(`The HTTPS switch could not be followed: ${String(e)}`),
        );
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
      consolePort = await listen(consoleApp, 'console', '127.0.0.1', requestedPort('console', ports));
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
      get apiEndpoint() {
        return apiEndpoint();
      },
      consoleUrl,
      dispatch,
      onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
      notify: emit,
      close: () =>
        (closing ??= (async () => {
          demo?.cancel();
          stopFeed?.();
          await Promise.allSettled([...started.map(closeWithGrace), accelerated.sync(false, 'throw')]);
          await searches.stop();
          await checkpointer?.stop();
          tenant.close();
        })()),
    };
  } catch (e) {
    stopFeed?.();
    await Promise.allSettled([...started.map(closeWithGrace), accelerated.sync(false, 'throw')]);
    await searches.stop();
    await checkpointer?.stop();
    tenant.close();
    throw e;
  }
}
