// The console's "demo IdP": provisions a generated directory through the product's own SCIM endpoint with a real
// SCIM credential, so the provisioning log, locks and counts show a genuine sync. Both hosts (headless `serve`
// and the desktop shell) build it with createDemoController once the endpoint is known.
import type { DemoController } from '../admin/handlers';
import type { DemoProgress, DemoRunRequest } from '../admin/contract';
import { MAX_CREDENTIALS } from '../core/credentials/credential-store';
import type { Tenant } from '../core/tenant';
import { DEMO_DOMAIN, generateDirectory } from './directory-generator';
import { push, type PushProgress } from './push';
import { replayDay } from './replay-day';
import { CancelledError, ScimClient } from './scim-client';
import { fetchTrusting } from '../tls/trusting-fetch';

export interface DemoControllerOptions {
  /** Read at each run: the endpoint becomes https:// when the HTTPS switch is turned on. */
  scimEndpoint: () => string;
  /** The CA the endpoint's certificate comes from while it serves HTTPS (the local CA), trusted for the run. */
  trustedCa?: () => string | null;
  tenant: Tenant;
  /** Tells the console that progress moved (RunningServer.notify(['demo']) or the shell's event channel). */
  notify: () => void;
  /** How often, at most, progress is announced while a phase runs. */
  notifyEveryMs?: number;
  /** Tests inject a client factory (fault injection, timing); the default talks to scimEndpoint. */
  client?: (options: { endpoint: string; token: string; concurrency: number; signal: AbortSignal; fetch?: typeof fetch }) => ScimClient;
}

export const DEMO_LIMITS = { Users: 100_000, Groups: 100_000, Concurrency: 64 } as const;

const NO_TRAFFIC = { Requests: 0, Retries: 0, Throttled: 0, ServerErrors: 0, RolledBack: 0 } as const;
const IDLE: DemoProgress = { Running: false, Phase: 'Idle', Done: 0, Total: 0, Failed: 0, Error: null, ...NO_TRAFFIC };

/** The client's counters, named as the console shows them (the same numbers `idp push` prints). */
const traffic = (client: ScimClient) => ({
  Requests: client.stats.requests,
  Retries: client.stats.retries,
  Throttled: client.stats.throttled,
  ServerErrors: client.stats.serverErrors,
});

/** The demo provisions as the IdP would, so it needs its own credential: it creates one for the run and deletes it
 *  afterwards (the secret is shown nowhere and kept only in memory). With both credential slots in use it refuses
 *  rather than disable or delete a credential that a real IdP may be using. */
export function createDemoController(options: DemoControllerOptions): DemoController {
  const { tenant, scimEndpoint } = options;
  // A run killed before its finally (SIGKILL, a crash, power loss) left its credential behind: free the slot.
  tenant.credentials.removeLeftoverDemo();
  const notifyEveryMs = options.notifyEveryMs ?? 200;
  let progress: DemoProgress = { ...IDLE };
  let abort: AbortController | null = null;
  let credentialId: string | null = null;
  let lastNotify = 0;

  const announce = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastNotify < notifyEveryMs) return;
    lastNotify = now;
    options.notify();
  };
  const update = (change: Partial<DemoProgress>, force = false) => {
    const phaseChanged = change.Phase !== undefined && change.Phase !== progress.Phase;
    progress = { ...progress, ...change };
    announce(force || phaseChanged);
  };

  const refuse = (message: string): DemoProgress => {
    progress = { ...IDLE, Phase: 'Not started', Error: message };
    announce(true);
    return { ...progress };
  };

  async function run(request: Required<Pick<DemoRunRequest, 'Users' | 'Groups' | 'Concurrency'>> & { ReplayDay: 'Entra' | 'Okta' | null }, signal: AbortSignal, notes: string[]) {
    const phase = (text: string) => (notes.length ? `${text} (${notes.join(' ')})` : text);
    // outside the try: a run that stops early still reports the retries it made
    let client: ScimClient | null = null;
    try {
      const credential = tenant.credentials.create({ demoOwnerPid: process.pid });
      credentialId = credential.CredentialId;
      notes.push(`Temporary SCIM credential ${credentialId}, deleted at the end.`);
      const directory = generateDirectory({ users: request.Users, groups: request.Groups, seed: 1, domain: DEMO_DOMAIN });
      const ca = options.trustedCa?.() ?? null;
      const runClient = (options.client ?? ((o) => new ScimClient({ ...o, userAgent: 'CloudSSO-Local-DemoIdP/1.0 (Entra ID style)' })))({
        endpoint: scimEndpoint(),
        token: credential.CredentialSecret,
        concurrency: request.Concurrency,
        signal,
        ...(ca ? { fetch: fetchTrusting(ca) } : {}),
      });
      client = runClient;
      let offset = 0;
      let planned = 0;
      let failedBefore = 0;
      const onProgress = (p: PushProgress) => {
        planned = Math.max(planned, offset + p.total);
        update({ Phase: phase(p.phase), Done: offset + p.done, Total: planned, Failed: failedBefore + p.failed, ...traffic(runClient) });
      };
      const pushed = await push(runClient, directory, { style: 'entra', onProgress });
      const errors = pushed.failures.map((f) => `${f.what}: ${f.message}`);
      if (request.ReplayDay && !pushed.cancelled) {
        offset = progress.Done;
        failedBefore = pushed.failed;
        const day = await replayDay(runClient, directory, pushed.state, { style: request.ReplayDay === 'Okta' ? 'okta' : 'entra', onProgress });
        errors.push(...day.failures.map((f) => `${f.what}: ${f.message}`));
        if (day.cancelled) pushed.cancelled = true;
      }
      const summary = pushed.cancelled
        ? 'Cancelled.'
        : `Done: ${pushed.usersCreated} user(s) and ${pushed.groupsCreated} group(s) created (${pushed.usersExisting + pushed.groupsExisting} already there), ${pushed.usersRolledBack} user(s) rolled back to the IdP's values, ${pushed.membershipsAdded} membership(s) added.`;
      update({ Running: false, Phase: phase(summary), ...traffic(runClient), RolledBack: pushed.usersRolledBack, Error: errors.length && !pushed.cancelled ? `${progress.Failed} operation(s) failed. First: ${errors[0]}` : null }, true);
    } catch (e) {
      const message = e instanceof CancelledError ? null : e instanceof Error ? e.message : String(e);
      update({ Running: false, Phase: phase(message ? 'Stopped.' : 'Cancelled.'), Error: message, ...(client ? traffic(client) : {}) }, true);
    } finally {
      removeCredential();
      abort = null;
    }
  }

  /** Also called on cancel: the host cancels right before it closes the tenant, and a leftover credential would
   *  hold one of the directory's two slots. Requests still in flight then fail with 401, which is fine once cancelled. */
  function removeCredential() {
    if (!credentialId) return;
    const id = credentialId;
    credentialId = null;
    try {
      tenant.credentials.delete(id);
    } catch {
      // already deleted by the administrator during the run: nothing left to clean up
    }
  }

  return {
    start(request) {
      if (abort) return { ...progress, Error: 'A demo run is already in progress. Cancel it first.' };
      const users = Number(request?.Users);
      const groups = Number(request?.Groups ?? 0);
      const concurrency = Number(request?.Concurrency ?? 4);
      if (!Number.isInteger(users) || users < 0 || users > DEMO_LIMITS.Users) return refuse(`Users must be a whole number from 0 to ${DEMO_LIMITS.Users}.`);
      if (!Number.isInteger(groups) || groups < 0 || groups > DEMO_LIMITS.Groups) return refuse(`Groups must be a whole number from 0 to ${DEMO_LIMITS.Groups}.`);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > DEMO_LIMITS.Concurrency) return refuse(`Concurrency must be a whole number from 1 to ${DEMO_LIMITS.Concurrency}.`);
      if (users + groups === 0) return refuse('Ask for at least one user or group.');
      const replay = request?.ReplayDay ?? null;
      if (replay !== null && replay !== 'Entra' && replay !== 'Okta') return refuse('ReplayDay must be Entra, Okta or null.');
      if (tenant.credentials.list().length >= MAX_CREDENTIALS) {
        return refuse(
          `The demo IdP provisions through the real SCIM endpoint with its own temporary SCIM credential, but this directory already has ${MAX_CREDENTIALS} (the most CloudSSO allows). ` +
            'Delete a credential you no longer use in Settings > User Settings, then start the demo again. It will not touch your existing credentials.',
        );
      }
      const notes: string[] = [];
      if (!tenant.settings.syncEnabled()) {
        tenant.settings.setSync('Enabled');
        notes.push('SCIM synchronization was off: turned it on.');
      }
      abort = new AbortController();
      progress = { Running: true, Phase: notes.length ? `Starting… (${notes.join(' ')})` : 'Starting…', Done: 0, Total: 0, Failed: 0, Error: null, ...NO_TRAFFIC };
      announce(true);
      void run({ Users: users, Groups: groups, Concurrency: concurrency, ReplayDay: replay }, abort.signal, notes);
      return { ...progress };
    },
    progress: () => ({ ...progress }),
    cancel() {
      if (abort) {
        abort.abort();
        removeCredential();
        progress = { ...progress, Phase: 'Cancelling…' };
        announce(true);
      }
      return { ...progress };
    },
  };
}
