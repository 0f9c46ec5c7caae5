// Re-spellings of a URL path that a router may resolve to the same route while a string test on the raw URL would
// not: the attacker's toolbox against "authorise by prefix". Shared by the console bridge and SCIM route tests.
import net from 'node:net';
import fc from 'fast-check';

interface RawAnswer {
  status: number;
  text: string;
}

/** One request over a raw socket, so the request line goes out exactly as written. An answer that never ends (the
 *  event stream) is cut after its first bytes: its status line is all the test needs. */
export function raw(port: number, requestLine: string, headers: string[] = [], body = '{}'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const done = () => {
      clearTimeout(cut);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), text: data });
    };
    const cut = setTimeout(done, 1500);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      data += d;
      if (/ 200 /.test(data.split('\r\n')[0] ?? '') && data.includes('text/event-stream')) done();
    });
    socket.on('error', reject);
    socket.on('close', done);
    socket.on('connect', () =>
      socket.end(
        [requestLine, `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...headers, '', body].join('\r\n'),
      ),
    );
  });
}

const encodeChar = (c: string, upperHex: boolean) => {
  const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${upperHex ? hex.toUpperCase() : hex}`;
};

/** The ways an attacker re-spells a path so that a string test on the raw URL misses it while a router may not. */
export function spellings(canonical: string, port: number): string[] {
  const segments = canonical.split('/').slice(1); // ['admin', 'api', 'users.create'] or ['admin', 'events']
  const join = (parts: string[], sep = '/') => `/${parts.join(sep)}`;
  const out = new Set<string>();
  // every character of every segment percent-encoded on its own, in both hex cases
  segments.forEach((segment, i) => {
    [...segment].forEach((c, j) => {
      for (const upper of [false, true]) {
        const parts = [...segments];
        parts[i] = segment.slice(0, j) + encodeChar(c, upper) + segment.slice(j + 1);
        out.add(join(parts));
      }
    });
  });
  out.add(join(segments.map((s) => [...s].map((c) => encodeChar(c, false)).join(''))));
  // encoded slashes
  for (let i = 1; i < segments.length; i++) {
    for (const slash of ['%2F', '%2f', '%5C', '%5c']) out.add(`/${segments.slice(0, i).join('/')}${slash}${segments.slice(i).join('/')}`);
  }
  out.add(`%2F${segments.join('/')}`);
  // doubled slashes, dot segments, trailing dots
  out.add(`/${canonical}`);
  for (let i = 1; i < segments.length; i++) out.add(`/${segments.slice(0, i).join('/')}//${segments.slice(i).join('/')}`);
  out.add(`${canonical}/`);
  out.add(`/./${segments.join('/')}`);
  out.add(`/x/../${segments.join('/')}`);
  out.add(`/x/%2e%2e/${segments.join('/')}`);
  segments.forEach((_, i) => out.add(join(segments.map((s, k) => (k === i ? `${s}.` : s)))));
  // case
  out.add(join(segments.map((s) => s.toUpperCase())));
  out.add(join(segments.map((s) => s[0]!.toUpperCase() + s.slice(1))));
  segments.forEach((_, i) => out.add(join(segments.map((s, k) => (k === i ? s.toUpperCase() : s)))));
  // backslashes
  out.add(join(segments, '\\'));
  out.add(`\\${segments.join('\\')}`);
  for (let i = 1; i < segments.length; i++) out.add(`/${segments.slice(0, i).join('/')}\\${segments.slice(i).join('/')}`);
  // parameters and fragments, and the absolute form of the request target
  out.add(`${canonical};x`);
  out.add(`${canonical}?x=1`);
  out.add(`${canonical}#x`);
  out.add(`http://127.0.0.1:${port}${canonical}`);
  out.add(`http://127.0.0.1:${port}/%61${canonical.slice(2)}`);
  out.add(canonical);
  return [...out];
}

export type SpellingStep = 'keep' | 'encode' | 'ENCODE' | 'upper' | 'double' | 'backslash' | 'dot' | 'encodedSlash';
export const SPELLING_STEP = fc.constantFrom<SpellingStep>('keep', 'encode', 'ENCODE', 'upper', 'double', 'backslash', 'dot', 'encodedSlash');

/** `canonical` re-spelled character by character, the plan's steps applied in turn. */
export function respell(canonical: string, plan: SpellingStep[]): string {
  let spelled = '';
  [...canonical].forEach((c, i) => {
    const how = plan[i % plan.length]!;
    if (how === 'encode' || how === 'ENCODE') spelled += encodeChar(c, how === 'ENCODE');
    else if (how === 'upper') spelled += c.toUpperCase();
    else if (how === 'double' && c === '/') spelled += '//';
    else if (how === 'backslash' && c === '/') spelled += i === 0 ? '/\\' : '\\';
    else if (how === 'dot' && c === '/' && i > 0) spelled += './';
    else if (how === 'encodedSlash' && c === '/' && i > 0) spelled += '%2F';
    else spelled += c;
  });
  return spelled;
}
