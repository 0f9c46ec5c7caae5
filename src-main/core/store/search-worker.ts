import { Worker } from 'node:worker_threads';
import { CoreError, type CoreMessageParams } from '../errors';

/** One read statement for the worker: SQL text and its parameters (rows come back as arrays). */
export interface ReadStatement {
  sql: string;
  params: unknown[];
}

export interface SearchWorkerOptions {
  /** How long one search may run before it is stopped (default SEARCH_DEFAULTS.budgetMs). */
  budgetMs?: number;
  /** Searches that may wait while one runs; more are refused as busy (default SEARCH_DEFAULTS.maxWaiting). */
  maxWaiting?: number;
  /** The better-sqlite3 addon file to load instead of the default one (see ServeOptions.sqliteAddon). */
  addon?: string;
  logLine?: (line: string) => void;
}

/** maxWaiting: enough that a handful of clients (an IdP's parallel connections) never meets a full queue, few enough
 *  that the last one waits at most (1 + maxWaiting) × budgetMs. */
export const SEARCH_DEFAULTS = { budgetMs: 2000, maxWaiting: 8 } as const;

/** A search stopped in SQLite's next row after its budget: how much longer it may go unanswered before the worker is
 *  terminated (one row can be slow: a LIKE over a megabyte-long value). */
const TERMINATE_AFTER_MS = 1000;

/** The SQL function the worker's connection defines. In front of a predicate, a scan calls it for every row it reads,
 *  which is where a search over its budget stops (better-sqlite3 has no sqlite3_interrupt nor progress handler). */
const WITHIN_BUDGET = 'cloudsso_within_budget()';

export type SearchRefusal = 'budget' | 'busy' | 'unavailable';

/** Why a search was not answered. Budget: the search itself is too costly; busy / unavailable: the server's state. */
export class SearchRefused<C extends 'SearchOverBudget' | 'SearchQueueFull' | 'SearchUnavailable' = 'SearchOverBudget' | 'SearchQueueFull' | 'SearchUnavailable'> extends CoreError<C> {
  constructor(
    readonly reason: SearchRefusal,
    messageCode: C,
    params: CoreMessageParams[C],
    /** budget: how long the search had */
    readonly budgetMs?: number,
  ) {
    super(reason === 'budget' ? 'LimitExceeded' : 'Busy', messageCode, params);
    this.name = 'SearchRefused';
  }
}

// The worker's whole program, inline (eval) like the checkpoint worker's, so that a packaged app needs no second
// entry file; it loads the better-sqlite3 binary the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.addon ? { nativeBinding: workerData.addon } : {}) });
db.pragma('busy_timeout = 1000');
db.pragma('cache_size = -8000');
let deadline = Infinity;
let rows = 0;
class OverBudget extends Error {}
db.function('cloudsso_within_budget', { deterministic: false }, () => {
  if ((++rows & 63) === 0 && performance.now() > deadline) throw new OverBudget('over budget');
  return 1;
});
const statements = new Map();
const prepare = (sql) => {
  let s = statements.get(sql);
  if (!s) {
    if (statements.size >= 100) statements.clear();
    s = db.prepare(sql).raw(true);
    statements.set(sql, s);
  }
  return s;
};
// one read transaction: the count and the page see the same snapshot
const readAll = db.transaction((list) => list.map((s) => prepare(s.sql).all(...s.params)));
parentPort.on('message', (m) => {
  if (m === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  deadline = performance.now() + m.budgetMs;
  try {
    const results = readAll(m.statements);
    // the same answer whether the time went on many rows or inside the last one (where no check can stop it)
    if (performance.now() > deadline) throw new OverBudget('over budget');
    parentPort.postMessage({ results });
  } catch (e) {
    parentPort.postMessage(e instanceof OverBudget ? { overBudget: true } : { error: e instanceof Error ? e.message : String(e) });
  } finally {
    deadline = Infinity;
  }
});
parentPort.postMessage({ ready: true });
`;

interface Job {
  statements: ReadStatement[];
  resolve: (results: unknown[][][]) => void;
  reject: (e: Error) => void;
}

type Reply = { ready: true } | { results: unknown[][][] } | { overBudget: true } | { error: string };

/**
 * Runs the searches that no index serves on one worker thread, with a read-only connection of its own and a time
 * budget, so that a costly filter never holds the event loop: an indexed lookup is answered meanwhile. One search
 * runs at a time and a few wait; more are refused as busy. A search over its budget is stopped at the next row its
 * scan reads; one that does not get there within a second more (a single huge row) has its worker terminated and
 * a fresh one started once the old one has exited, so at most one thread is ever searching.
 *
 * If the worker cannot start (the addon cannot be loaded in a worker) searches are refused as unavailable rather
 * than run on the serving thread: the lookups IdPs make never need the worker. A worker that dies later is started
 * again for the next search.
 */
export class SearchWorker {
  private worker: Worker | null = null;
  private ready = false;
  private exiting: Promise<void> | null = null;
  private running: Job | null = null;
  private readonly waiting: Job[] = [];
  private terminateTimer: NodeJS.Timeout | null = null;
  private startFailure: string | null = null;
  private stopped = false;
  readonly budgetMs: number;
  private readonly maxWaiting: number;

  constructor(
    private readonly file: string,
    private readonly options: SearchWorkerOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? SEARCH_DEFAULTS.budgetMs;
    this.maxWaiting = options.maxWaiting ?? SEARCH_DEFAULTS.maxWaiting;
  }

  /** Wraps a predicate so that the worker's scans check the budget on every row (use it only for read()). */
  guard<P extends ReadStatement>(predicate: P): P {
    return { ...predicate, sql: `${WITHIN_BUDGET} AND (${predicate.sql})` };
  }

  /** Runs the statements in one snapshot and resolves with each one's rows (as arrays), or rejects with SearchRefused. */
  read(statements: ReadStatement[]): Promise<unknown[][][]> {
    if (this.stopped) return Promise.reject(this.unavailable('the server is shutting down'));
    if (this.startFailure !== null) return Promise.reject(this.unavailable(this.startFailure));
    const inProgress = this.waiting.length + (this.running ? 1 : 0);
    if (inProgress > this.maxWaiting) {
      return Promise.reject(new SearchRefused('busy', 'SearchQueueFull', { inProgress, max: 1 + this.maxWaiting }));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ statements, resolve, reject });
      this.next();
    });
  }

  /** Stops the worker; waiting and running searches are refused. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.waiting.splice(0)) job.reject(this.unavailable('the server is shutting down'));
    this.running?.reject(this.unavailable('the server is shutting down'));
    this.running = null;
    if (this.terminateTimer) clearTimeout(this.terminateTimer);
    const worker = this.worker;
    if (worker) {
      worker.ref(); // its connection closes before the process may exit
      worker.postMessage('stop');
      await this.exiting;
    }
  }

  private next(): void {
    if (this.running || !this.waiting.length || this.stopped) return;
    // null: it could not start (the waiting searches were refused), or the old worker is still exiting (its 'exit'
    // calls next() again)
    const worker = this.worker ?? this.spawn();
    if (!worker) return;
    const job = this.waiting.shift()!;
    this.running = job;
    worker.postMessage({ statements: job.statements, budgetMs: this.budgetMs });
    this.terminateTimer = setTimeout(() => this.terminate(), this.budgetMs + TERMINATE_AFTER_MS);
  }

  private spawn(): Worker | null {
    if (this.exiting) return null; // the old one first: at most one searching thread
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, addon: this.options.addon, driver: require.resolve('better-sqlite3') } });
    } catch (e) {
      this.failToStart(e instanceof Error ? e.message : String(e));
      return null;
    }
    this.worker = worker;
    this.ready = false;
    this.exiting = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        if (this.worker === worker) this.worker = null;
        this.exiting = null;
        resolve();
        // a search that was running when the worker died: refused, then the queue goes on with a new worker
        if (this.running && this.worker === null) this.finish()?.reject(this.unavailable('the search worker stopped unexpectedly'));
        if (!this.stopped) this.next();
      }),
    );
    worker.on('message', (reply: Reply) => this.onReply(reply));
    worker.on('error', (e) => {
      this.options.logLine?.(`Search worker error: ${e.message}`);
      if (!this.ready) this.failToStart(e.message);
    });
    worker.unref();
    return worker;
  }

  private onReply(reply: Reply): void {
    if ('ready' in reply) {
      this.ready = true;
      return;
    }
    const job = this.finish();
    if (!job) return;
    if ('results' in reply) job.resolve(reply.results);
    else if ('overBudget' in reply) job.reject(this.overBudget());
    else job.reject(new Error(`Search failed: ${reply.error}`));
    this.next();
  }

  private finish(): Job | null {
    if (this.terminateTimer) clearTimeout(this.terminateTimer);
    this.terminateTimer = null;
    const job = this.running;
    this.running = null;
    return job;
  }

  /** The running search did not stop at a row in time: the thread is terminated (it ends when SQLite returns). */
  private terminate(): void {
    const worker = this.worker;
    this.finish()?.reject(this.overBudget());
    if (!worker) return;
    this.worker = null;
    void worker.terminate();
  }

  private failToStart(reason: string): void {
    this.startFailure = reason;
    this.options.logLine?.(`The search worker could not start (${reason}): filters that no index serves are refused.`);
    this.worker = null;
    for (const job of [...(this.running ? [this.finish()!] : []), ...this.waiting.splice(0)]) job.reject(this.unavailable(reason));
  }

  private overBudget(): SearchRefused {
    return new SearchRefused('budget', 'SearchOverBudget', { budgetMs: this.budgetMs }, this.budgetMs);
  }

  private unavailable(reason: string): SearchRefused {
    return new SearchRefused('unavailable', 'SearchUnavailable', { reason });
  }
}
