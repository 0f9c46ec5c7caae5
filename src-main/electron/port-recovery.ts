import net from 'node:net';

export interface ListenPorts {
  scimPort?: number;
  acceleratedPort?: number;
  /** CloudSSO's OpenAPI. */
  apiPort?: number;
}

export interface PortConflict {
  listener: 'scim' | 'accelerated' | 'api';
  /** The busy port, when the error says which one. */
  port: number | undefined;
}

export type PortChoice = { action: 'use'; port: number } | { action: 'retry' } | { action: 'quit' };

export function isPortInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

const PORT_KEY = { scim: 'scimPort', accelerated: 'acceleratedPort', api: 'apiPort' } as const;

/** Which listener hit the conflict: Node's listen error carries the port, and only the accelerated (or OpenAPI)
 *  listener can have the accelerated (or OpenAPI) port. */
export function describePortConflict(error: unknown, ports: ListenPorts): PortConflict {
  const port = (error as { port?: unknown }).port;
  const busy = typeof port === 'number' ? port : undefined;
  const listener = busy === undefined ? 'scim' : busy === ports.acceleratedPort ? 'accelerated' : busy === ports.apiPort ? 'api' : 'scim';
  return { listener, port: busy ?? ports[PORT_KEY[listener]] };
}

export function withChosenPort(ports: ListenPorts, conflict: PortConflict, port: number): ListenPorts {
  return { ...ports, [PORT_KEY[conflict.listener]]: port };
}

/**
 * Starts the server; on a port conflict asks the user what to do (another port, try again, quit) and repeats.
 * Returns null when the user chose to quit. The ports finally used are reported so they can be remembered.
 */
export async function startWithPortRecovery<Server>(
  start: (ports: ListenPorts) => Promise<Server>,
  initialPorts: ListenPorts,
  askUser: (conflict: PortConflict) => Promise<PortChoice>,
): Promise<{ server: Server; ports: ListenPorts } | null> {
  let ports = initialPorts;
  for (;;) {
    try {
      return { server: await start(ports), ports };
    } catch (error) {
      if (!isPortInUse(error)) throw error;
      const conflict = describePortConflict(error, ports);
      const choice = await askUser(conflict);
      if (choice.action === 'quit') return null;
      if (choice.action === 'use') ports = withChosenPort(ports, conflict, choice.port);
    }
  }
}

/** The first port at or after `from` that can be bound on the loopback interface right now. */
export async function findFreePort(from: number, host = '127.0.0.1', attempts = 50): Promise<number | null> {
  for (let port = Math.max(from, 1024); port < Math.min(from + attempts, 65536); port++) {
    if (await canListen(port, host)) return port;
  }
  return null;
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
