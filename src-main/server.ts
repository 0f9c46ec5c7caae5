import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Tenant } from './core/tenant';
import type { AdminChannel, AdminRequest, AdminResponse, AdminResult, ChangeEvent, ChangeTopic, Endpoints } from './admin/contract';
import { createAdminHandlers, createDispatcher, type DemoController } from './admin/handlers';
import { buildConsoleApp, newConsoleToken } from './admin/http-bridge';
import { BackgroundCheckpointer } from './core/store/background-checkpointer';
import { buildScimApp, SCIM_PREFIX } from './scim/http/app';
import { buildOpenApiApp } from './openapi/app';
export { defaultTenantPath } from './app-paths';

export const DEFAULT_SCIM_PORT = 18620;
export const DEFAULT_ACCELERATED_PORT = 18621;
export const DEFAULT_CONSOLE_PORT = 18622;
export const DEFAULT_API_PORT = 18623;

export interface ServeOptions {
  dataFile: string;
  /** Where the SCIM endpoints listen. The console always stays on loopback. */
  host?: string;
  port?: number;
  acceleratedPort?: number;
  /** CloudSSO's OpenAPI; null: not served. */
  apiPort?: number | null;
  /** null: no HTTP console (the desktop app talks over IPC). */
  consolePort?: number | null;
  consoleAssetsDir?: string;
  /** Lets the host plug in the demo IdP once it knows the endpoint; `notify` announces its progress to consoles. */
  demo?: (server: { scimEndpoint: string; tenant: Tenant; notify: (topics: ChangeTopic[]) => void }) => DemoController;
  logLine?: (line: string) => void;
  /** The better-sqlite3 addon this process registered in place of the default one (the desktop app's Electron
   *  build in a dev checkout). Worker threads have a module cache of their own and must be told. */
  sqliteAddon?: string;
}

export interface RunningServer {
  tenant: Tenant;
  scimEndpoint: string;
  /** The accelerated base URL while that feature is on, else null. */
  acceleratedEndpoint(): string | null;
  /** CloudSSO's OpenAPI endpoint (for SDKs, the aliyun CLI, Terraform), or null when not served. */
  apiEndpoint: string | null;
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
  let scimEndpoint = '';
  let acceleratedBase = '';
  const listeners = new Set<(event: ChangeEvent) => void>();
  const emit = (topics: ChangeTopic[]) => listeners.forEach((l) => l({ Topics: topics }));
  let stopFeed: (() => void) | null = null;

  try {
    const scim = buildScimApp({ tenant, kind: 'standard', baseUrl: () => scimEndpoint, logLine });
    started.push(scim);
    const scimPort = await listen(scim, host, options.port ?? DEFAULT_SCIM_PORT);
    scimEndpoint = `http://${urlHost(host)}:${scimPort}${SCIM_PREFIX}`;

    const accelerated = buildScimApp({ tenant, kind: 'accelerated', baseUrl: () => acceleratedBase, logLine });
    started.push(accelerated);
    const acceleratedPort = await listen(accelerated, host, options.acceleratedPort ?? DEFAULT_ACCELERATED_PORT);
    acceleratedBase = `http://${urlHost(host)}:${acceleratedPort}${SCIM_PREFIX}`;

    // CloudSSO's OpenAPI: the third face of the same core, on the SCIM endpoints' host. It is to be served over
    // HTTPS exactly when the SCIM listeners are: build it the way they are built once TLS exists.
    let apiEndpoint: string | null = null;
    if (options.apiPort !== null) {
      const api = buildOpenApiApp({ tenant, logLine });
      started.push(api);
      const apiPort = await listen(api, host, options.apiPort ?? DEFAULT_API_PORT);
      apiEndpoint = `http://${urlHost(host)}:${apiPort}`;
    }

    const endpoints = (): Endpoints => ({ SCIMEndpoint: scimEndpoint, AcceleratedEndpoint: tenant.settings.acceleratedEnabled() ? acceleratedBase : null, APIEndpoint: apiEndpoint });
    const demo = options.demo?.({ scimEndpoint, tenant, notify: (topics) => emit(topics) });
    const dispatch = createDispatcher(createAdminHandlers({ tenant, endpoints, demo }), logLine);

    stopFeed = tenant.onChange((topics) => emit(topics.includes('settings') ? [...topics, 'faults'] : topics));

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
      scimEndpoint,
      acceleratedEndpoint: () => endpoints().AcceleratedEndpoint,
      apiEndpoint,
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
