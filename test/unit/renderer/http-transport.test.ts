import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src-main/admin/contract';
import { createHttpAdminApi } from '../../../src-renderer/api/http-transport';
import { SseParser } from '../../../src-renderer/api/sse-parser';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function streamResponse(chunks: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  }), { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('SSE parsing of the bridge event stream', () => {
  it('assembles events split across chunks and ignores comments', () => {
    const parser = new SseParser();
    expect(parser.push(': connected\n\ndata: {"Topi')).toEqual([]);
    expect(parser.push('cs":["directory","activity"]}\n\n: ping\n\n')).toEqual([{ Topics: ['directory', 'activity'] }]);
  });

  it('accepts CRLF line endings and drops malformed data', () => {
    const parser = new SseParser();
    expect(parser.push('data: not json\r\n\r\ndata: {"Topics":["settings"]}\r\n\r\n')).toEqual([{ Topics: ['settings'] }]);
  });
});

describe('the HTTP bridge transport', () => {
  it('POSTs the request as JSON to /admin/api/<channel> with the bearer token', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const api = createHttpAdminApi({
      token: 'tok-1',
      baseUrl: 'http://127.0.0.1:5000',
      fetch: async (url, init) => { seen.push({ url: String(url), init: init! }); return jsonResponse({ ok: true, value: { UserId: 'u-1' } }); },
    });
    const result = await api.invoke('users.get', { UserId: 'u-1' });
    expect(result).toEqual({ ok: true, value: { UserId: 'u-1' } });
    expect(seen[0].url).toBe('http://127.0.0.1:5000/admin/api/users.get');
    expect(seen[0].init.method).toBe('POST');
    expect(new Headers(seen[0].init.headers).get('Authorization')).toBe('Bearer tok-1');
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ UserId: 'u-1' });
  });

  it('passes the core structured errors through unchanged', async () => {
    const error = { Code: 'Locked', Message: 'This user is synchronized from your identity provider by SCIM.' };
    const api = createHttpAdminApi({ token: 't', baseUrl: '', fetch: async () => jsonResponse({ ok: false, error }) });
    expect(await api.invoke('users.delete', { UserId: 'u-1' })).toEqual({ ok: false, error });
  });

  it('turns a refused token and an unreachable server into readable errors', async () => {
    const refused = createHttpAdminApi({ token: 't', baseUrl: '', fetch: async () => jsonResponse({}, 401) });
    const refusal = await refused.invoke('settings.get', undefined);
    expect(refusal.ok).toBe(false);
    if (!refusal.ok) expect(refusal.error).toMatchObject({ Code: 'Unauthorized', Message: expect.stringContaining('console URL') });

    const down = createHttpAdminApi({ token: 't', baseUrl: '', fetch: async () => { throw new TypeError('Failed to fetch'); } });
    const failure = await down.invoke('settings.get', undefined);
    if (failure.ok) throw new Error('expected a failure');
    expect(failure.error.Message).toMatch(/cannot be reached.*Failed to fetch/);
  });

  it('delivers live events and reconnects after the stream drops', async () => {
    let connections = 0;
    const liveStates: string[] = [];
    const api = createHttpAdminApi({
      token: 't',
      baseUrl: '',
      backoffMs: [5],
      onLiveStateChange: (state) => liveStates.push(state),
      fetch: async (_url, init) => {
        connections += 1;
        expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer t');
        return streamResponse([`data: {"Topics":["activity"]}\n\n`, `data: {"Topics":["directory"]}\n\n`]);
      },
    });
    const events: ChangeEvent[] = [];
    const stop = api.onChange((event) => events.push(event));
    await expect.poll(() => connections, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    stop();
    expect(events.slice(0, 2)).toEqual([{ Topics: ['activity'] }, { Topics: ['directory'] }]);
    expect(liveStates.slice(0, 2)).toEqual(['connected', 'reconnecting']);
  });

  it('opens a single stream however many listeners there are, and closes it with the last one', async () => {
    let aborted = false;
    let connections = 0;
    const api = createHttpAdminApi({
      token: 't',
      baseUrl: '',
      fetch: (_url, init) => {
        connections += 1;
        return new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => { aborted = true; reject(new DOMException('aborted', 'AbortError')); });
        });
      },
    });
    const stopA = api.onChange(() => {});
    const stopB = api.onChange(() => {});
    expect(connections).toBe(1);
    stopA();
    expect(aborted).toBe(false);
    stopB();
    expect(aborted).toBe(true);
  });

  it('stops reconnecting once the event stream refuses the token', async () => {
    let connections = 0;
    const liveStates: string[] = [];
    const api = createHttpAdminApi({
      token: 'stale',
      baseUrl: '',
      backoffMs: [1],
      onLiveStateChange: (state) => liveStates.push(state),
      fetch: async () => { connections += 1; return jsonResponse({ ok: false }, 401); },
    });
    const stop = api.onChange(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(connections).toBe(1);
    expect(liveStates).toEqual(['refused']);
  });
});
