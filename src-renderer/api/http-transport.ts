// Transport 2: the headless server's loopback bridge. Same AdminApi as the Electron preload, so nothing
// above this folder knows which one it holds.
import {
  BRIDGE_API_PREFIX,
  BRIDGE_EVENTS_PATH,
  type AdminApi,
  type AdminChannel,
  type AdminRequest,
  type AdminResponse,
  type AdminResult,
  type ChangeEvent,
} from '../../src-main/admin/contract';
import { SseParser } from './sse-parser';

export interface HttpTransportOptions {
  token: string;
  /** Origin of the console (the bridge lives on the same origin). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Reconnect delays for the event stream, in ms; the last one repeats. */
  backoffMs?: number[];
  onLiveStateChange?: (state: LiveState) => void;
}

const DEFAULT_BACKOFF_MS = [500, 1000, 2000, 5000, 10000];

/** The change stream: live, dropped and retrying, or refused for good (a stale console token). */
export type LiveState = 'connected' | 'reconnecting' | 'refused';

export function createHttpAdminApi(options: HttpTransportOptions): AdminApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const authorization = `Bearer ${options.token}`;
  const listeners = new Set<(event: ChangeEvent) => void>();
  let stream: AbortController | null = null;

  async function invoke<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>> {
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${BRIDGE_API_PREFIX}${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: authorization },
        body: request === undefined ? '{}' : JSON.stringify(request),
      });
    } catch (cause) {
      return failure('Internal', `The CloudSSO Local server cannot be reached (${describe(cause)}). Is it still running?`);
    }
    if (response.status === 401) {
      return failure('Unauthorized', 'The console token was refused. Open the console URL that the server printed at start-up (a restarted server prints a new one).');
    }
    try {
      return (await response.json()) as AdminResult<AdminResponse<C>>;
    } catch {
      return failure('Internal', `The server answered ${response.status} without a readable body.`);
    }
  }

  async function readEvents(signal: AbortSignal): Promise<void> {
    const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const response = await doFetch(`${options.baseUrl}${BRIDGE_EVENTS_PATH}`, {
          headers: { Authorization: authorization, Accept: 'text/event-stream' },
          signal,
        });
        if (response.status === 401) {
          // A refused token stays refused: retrying would only hammer the server. A new console URL reloads the page.
          options.onLiveStateChange?.('refused');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        attempt = 0;
        options.onLiveStateChange?.('connected');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.push(value)) listeners.forEach((listener) => listener(event));
        }
      } catch {
        // Reconnect below, unless we were asked to stop.
      }
      if (signal.aborted) return;
      options.onLiveStateChange?.('reconnecting');
      const delay = backoff[Math.min(attempt, backoff.length - 1)];
      attempt += 1;
      await sleep(delay, signal);
    }
  }

  function onChange(listener: (event: ChangeEvent) => void): () => void {
    listeners.add(listener);
    if (!stream) {
      stream = new AbortController();
      void readEvents(stream.signal);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && stream) {
        stream.abort();
        stream = null;
      }
    };
  }

  return { invoke, onChange };
}

function failure(code: 'Internal' | 'Unauthorized', message: string): { ok: false; error: { Code: typeof code; Message: string } } {
  return { ok: false, error: { Code: code, Message: message } };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
