import type { ChangeEvent } from '../admin/contract';
import type { AdminDispatcher } from './admin-ipc';
import { startWithPortRecovery, type ListenPorts, type PortChoice, type PortConflict } from './port-recovery';

/** The part of server.ts's RunningServer the desktop shell uses. */
export interface HostedServer extends AdminDispatcher {
  scimEndpoint: string;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

export interface TenantHostDependencies<S extends HostedServer> {
  startServer(tenantFile: string, ports: ListenPorts): Promise<S>;
  askAboutPortConflict(conflict: PortConflict): Promise<PortChoice>;
  /** Called with the ports that finally worked, so a port picked after a conflict is remembered. */
  rememberPorts(ports: ListenPorts): void;
  forwardChange(event: ChangeEvent): void;
}

export type OpenOutcome = 'opened' | 'quit';

/**
 * Hosts one tenant at a time: the SCIM server and the AdminApi on one tenant file. Operations run one after
 * another (two quick menu clicks never open two servers), and a tenant that fails to open gives the previous
 * one back instead of leaving the app with nothing open.
 */
export class TenantHost<S extends HostedServer> {
  private active: { file: string; server: S; stopForwarding: () => void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dependencies: TenantHostDependencies<S>,
    private ports: ListenPorts,
  ) {}

  get tenantFile(): string | null {
    return this.active?.file ?? null;
  }

  get server(): S | null {
    return this.active?.server ?? null;
  }

  /** Closes whatever is open and opens `file`; if that fails, reopens the previous tenant and rethrows. */
  switchTo(file: string): Promise<OpenOutcome> {
    return this.serially(async () => {
      const previous = this.active?.file ?? null;
      await this.closeActive();
      try {
        return await this.openFile(file);
      } catch (error) {
        if (previous !== null && previous !== file) await this.openFile(previous);
        throw error;
      }
    });
  }

  /** Runs `change` on the active tenant's file while no server holds it open (import replaces the file). */
  withTenantClosed(change: (file: string) => Promise<void>): Promise<OpenOutcome> {
    return this.serially(async (): Promise<OpenOutcome> => {
      const file = this.active?.file;
      if (file === undefined) throw new Error('No tenant is open.');
      await this.closeActive();
      let changeError: unknown = null;
      try {
        await change(file);
      } catch (error) {
        changeError = error;
      }
      // Reopen in any case: a failed import leaves the old tenant in place, and the app stays usable.
      const outcome = await this.openFile(file);
      if (changeError !== null) throw changeError;
      return outcome;
    });
  }

  /** Clean shutdown: the SCIM server stops listening and the tenant database is checkpointed and closed. */
  close(): Promise<void> {
    return this.serially(() => this.closeActive());
  }

  private async openFile(file: string): Promise<OpenOutcome> {
    const started = await startWithPortRecovery(
      (ports) => this.dependencies.startServer(file, ports),
      this.ports,
      (conflict) => this.dependencies.askAboutPortConflict(conflict),
    );
    if (!started) return 'quit';
    if (started.ports !== this.ports) {
      this.ports = started.ports;
      this.dependencies.rememberPorts(started.ports);
    }
    const stopForwarding = started.server.onChange((event) => this.dependencies.forwardChange(event));
    this.active = { file, server: started.server, stopForwarding };
    return 'opened';
  }

  private async closeActive(): Promise<void> {
    const active = this.active;
    if (!active) return;
    this.active = null;
    active.stopForwarding();
    await active.server.close();
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
