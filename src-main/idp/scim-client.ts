// A plain SCIM 2.0 client, the way a well-behaved IdP talks: keep-alive connections, a bounded number of requests
// in flight, 429 answered by waiting Retry-After, 5xx and dropped connections retried with exponential backoff,
// and everything cancellable with an AbortSignal. It knows nothing about CloudSSO Local, so it works against any
// SCIM server.

export interface ScimClientOptions {
  /** The SCIM base URL, e.g. http://127.0.0.1:18620/scim/v2 (a trailing slash is fine). */
  endpoint: string;
  token: string;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Retries after the first attempt, for 429, 5xx and network errors. */
  maxRetries?: number;
  /** First backoff for 5xx and network errors; doubles each retry, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Longest Retry-After the client is willing to wait; longer ones are capped to it. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  userAgent?: string;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** After cancel, requests already in flight get this long to finish before they are cut off. Cutting a write
   *  off leaves the IdP unsure whether it happened (and leaves some servers holding an empty connection). */
  cancelGraceMs?: number;
  fetch?: typeof fetch;
  /** Injected in tests to observe waits without real time passing. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ScimResult {
  status: number;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  body: unknown;
  /** How many retries this request took. */
  retries: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  throttled: number;
  serverErrors: number;
  networkErrors: number;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

/** A request that still failed after its retries (network error or a retryable status). */
export class ScimRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ScimRequestError';
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Limits how many tasks run at once; waiting tasks start in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export class ScimClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, throttled: 0, serverErrors: 0, networkErrors: 0 };
  private readonly base: string;
  private readonly gate: Semaphore;
  private readonly options: Required<Omit<ScimClientOptions, 'signal' | 'fetch' | 'sleep'>> & Pick<ScimClientOptions, 'signal'>;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly hardStop = new AbortController();

  constructor(options: ScimClientOptions) {
    this.base = options.endpoint.replace(/\/+$/, '');
    this.options = {
      endpoint: this.base,
      token: options.token,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 4)),
      maxRetries: options.maxRetries ?? 5,
      backoffMs: options.backoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 10_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      userAgent: options.userAgent ?? 'CloudSSO-Local-DemoIdP/1.0',
      timeoutMs: options.timeoutMs ?? 30_000,
      cancelGraceMs: options.cancelGraceMs ?? 2_000,
      signal: options.signal,
    };
    options.signal?.addEventListener('abort', () => setTimeout(() => this.hardStop.abort(), this.options.cancelGraceMs).unref(), { once: true });
    this.gate = new Semaphore(this.options.concurrency);
    this.doFetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? abortableSleep;
  }

  get concurrency(): number {
    return this.options.concurrency;
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Sends one SCIM request, retrying 429/5xx/network failures. Other statuses (4xx) are returned, not thrown. */
  async request(method: string, pathAndQuery: string, body?: unknown): Promise<ScimResult> {
    return this.gate.run(() => this.attempt(method, pathAndQuery, body));
  }

  private async attempt(method: string, pathAndQuery: string, body: unknown): Promise<ScimResult> {
    const { signal, maxRetries } = this.options;
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw new CancelledError();
      let wait: number;
      let failure: ScimRequestError;
      try {
        this.stats.requests++;
        const res = await this.send(method, pathAndQuery, body);
        const text = await res.text();
        if (res.status === 429 || res.status >= 500) {
          const hinted = retryAfterMs(res.headers.get('retry-after'));
          if (res.status === 429) this.stats.throttled++;
          else this.stats.serverErrors++;
          failure = new ScimRequestError(`${method} ${pathAndQuery} answered ${res.status}${detailOf(text)}`, res.status);
          wait = hinted !== null ? Math.min(hinted, this.options.maxRetryAfterMs) : this.backoff(retry);
        } else {
          return { status: res.status, body: parseJson(text), retries: retry };
        }
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        this.stats.networkErrors++;
        failure = new ScimRequestError(`${method} ${pathAndQuery} failed: ${networkMessage(e)}`, null);
        wait = this.backoff(retry);
      }
      if (retry >= maxRetries) throw failure;
      this.stats.retries++;
      await this.sleep(wait, signal);
    }
  }

  private backoff(retry: number): number {
    const ceiling = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** retry);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private async send(method: string, pathAndQuery: string, body: unknown): Promise<Response> {
    const signal = AbortSignal.any([this.hardStop.signal, AbortSignal.timeout(this.options.timeoutMs)]);
    return this.doFetch(`${this.base}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`, {
      method,
      signal,
      headers: {
        authorization: `Bearer ${this.options.token}`,
        accept: 'application/scim+json, application/json',
        'user-agent': this.options.userAgent,
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Node's fetch keeps connections alive by default; nothing else to configure for keep-alive.
    });
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function detailOf(text: string): string {
  const parsed = parseJson(text) as { detail?: unknown } | null;
  return parsed && typeof parsed.detail === 'string' ? `: ${parsed.detail}` : '';
}

function networkMessage(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'timed out';
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

/** Runs `worker` over `items` with the client's concurrency doing the limiting; stops starting new items once
 *  cancelled. Every item's outcome is reported, so one failure never hides the others. */
export async function forEachSettled<T>(items: readonly T[], parallel: number, signal: AbortSignal | undefined, worker: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, async () => {
    while (next < items.length) {
      if (signal?.aborted) return;
      const index = next++;
      await worker(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
}
