// The server's listeners, one entry each: what it is called, the option that sets its port, its default port.
// A new listener (HTTPS, an API endpoint) is one more entry here plus where it is started.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface ListenerSpec {
  /** How a person names it in a message. */
  label: string;
  /** The `serve` option that sets its port. */
  option: string;
  defaultPort: number;
}

export const LISTENERS = {
  scim: { label: 'SCIM endpoint', option: '--port', defaultPort: 18620 },
  accelerated: { label: 'accelerated SCIM endpoint', option: '--accelerated-port', defaultPort: 18621 },
  console: { label: 'console', option: '--console-port', defaultPort: 18622 },
  api: { label: 'CloudSSO OpenAPI endpoint', option: '--api-port', defaultPort: 18623 },
} as const satisfies Record<string, ListenerSpec>;

export type ListenerName = keyof typeof LISTENERS;

/**
 * The port a listener asks for. An unset port is its default, except that `--port 0` (a free SCIM port) makes
 * every unset port free too: two sandboxes side by side must not collide on the ports they did not name.
 */
export function requestedPort(name: ListenerName, ports: Partial<Record<ListenerName, number | undefined>>): number {
  const given = ports[name];
  if (given !== undefined) return given;
  return ports.scim === 0 ? 0 : LISTENERS[name].defaultPort;
}

/** A listener's port is taken. Keeps Node's code (EADDRINUSE) and port, so callers that know those still work. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly listener: ListenerName,
    readonly port: number,
  ) {
    const spec = LISTENERS[listener];
    super(`The ${spec.label}'s port ${port} is already in use by another program. Pick another with ${spec.option}, or ${spec.option} 0 for a free one.`);
    this.name = 'PortInUseError';
  }

  get option(): string {
    return LISTENERS[this.listener].option;
  }
}

/** Starts one listener; a taken port becomes a PortInUseError naming the listener. Returns the bound port. */
export async function listen(app: FastifyInstance, name: ListenerName, host: string, port: number): Promise<number> {
  try {
    await app.listen({ host, port, listenTextResolver: () => '' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(name, port);
    throw e;
  }
  return (app.server.address() as AddressInfo).port;
}

/** Requests in flight get a grace period; then open connections (an idle keep-alive socket, the console's
 *  event stream) are cut, so Ctrl+C never waits on a client that will not hang up. */
const CLOSE_GRACE_MS = 2000;
export async function closeWithGrace(app: FastifyInstance): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

/**
 * A listener that is open only while its feature is on (the accelerated endpoint). Opening and closing are
 * queued, so a quick on/off/on never races. After the first open it keeps asking for the port it got, so its
 * URL stays the same across off/on while that port is free.
 */
export class ToggledListener {
  private app: FastifyInstance | null = null;
  private boundPort: number | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly name: ListenerName,
    private readonly host: string,
    private port: number,
    private readonly build: () => FastifyInstance,
    private readonly logLine: (line: string) => void,
  ) {}

  /** The bound port while open, else null. */
  get openPort(): number | null {
    return this.boundPort;
  }

  /** Opens or closes to match `wanted`. At start-up a taken port is an error for the caller; later (the feature
   *  turned on while serving) nobody is there to ask, so the listener takes a free port and says so in the log. */
  sync(wanted: boolean, whenTaken: 'throw' | 'use a free port'): Promise<void> {
    const step = this.queue.then(() => (wanted ? this.open(whenTaken) : this.shut()));
    this.queue = step.catch(() => undefined);
    return step;
  }

  private async open(whenTaken: 'throw' | 'use a free port'): Promise<void> {
    if (this.app) return;
    let app = this.build();
    try {
      this.boundPort = await listen(app, this.name, this.host, this.port);
    } catch (e) {
      await app.close();
      if (!(e instanceof PortInUseError) || whenTaken === 'throw') throw e;
      this.logLine(`${e.message} Using a free port instead.`);
      app = this.build();
      this.boundPort = await listen(app, this.name, this.host, 0);
    }
    this.port = this.boundPort;
    this.app = app;
  }

  private shut(): Promise<void> {
    const app = this.app;
    this.app = null;
    this.boundPort = null;
    return app ? closeWithGrace(app) : Promise.resolve();
  }
}
