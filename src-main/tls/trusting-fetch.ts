// A fetch that trusts one more CA (the local CA, or --ca FILE) besides the system's, for the SCIM client. Node's
// built-in fetch takes its trust from the process only (NODE_EXTRA_CA_CERTS at start), so this goes through
// node:https with an agent of its own; the answer is a standard Response, so callers cannot tell the difference.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

export function fetchTrusting(caPem: string): typeof fetch {
  const agent = new https.Agent({ keepAlive: true, ca: [...tls.rootCertificates, caPem] });
  const plainAgent = new http.Agent({ keepAlive: true });
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : Buffer.from(await new Response(init.body).arrayBuffer());
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers, agent: url.protocol === 'https:' ? agent : plainAgent, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
          }
          const noBody = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        });
      });
      // As fetch does: an aborted request rejects with the signal's reason (a TimeoutError for AbortSignal.timeout),
      // a network failure with TypeError('fetch failed') and the cause attached.
      request.on('error', (e) => reject(init.signal?.aborted ? (init.signal.reason as unknown) : Object.assign(new TypeError('fetch failed'), { cause: e })));
      request.end(body);
    });
  };
}
