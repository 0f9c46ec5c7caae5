// What the provisioning log keeps of a request: secrets never reach it, however they were sent — a query parameter
// (?access_token=…), a body key in any case at any depth, a PATCH operation whose path names one ("Path",
// "PATH", "VALUE"), a filter that compares one, or any text that looks like a bearer token.

/** Attribute names that hold a secret (any case, anywhere in the name: clientSecret, access_token, x-api-key). */
const SECRET_ATTRIBUTE = 'password|passwd|passphrase|secret|token|authori[sz]ation|credential|api[-_]?key|access[-_]?key|private[-_]?key';
/** A key, query parameter or path that names a secret: one of the above, or ending in a short word like key or pwd. */
const SECRET_NAME = new RegExp(`${SECRET_ATTRIBUTE}|(?:^|[^a-z])(?:key|pwd|pass|sig|signature|auth)$`, 'i');
/** A run that looks like a bearer token: 32+ characters of base64/base64url (letters, digits, - _ +, or the
 *  percent-encoded + / =). This tenant's credential secrets are 48 letters and digits. */
const TOKEN_RUN = /(?<![A-Za-z0-9_+-])(?:[A-Za-z0-9_+-]|%2[BbFf]|%3[Dd]){32,}/g; // a run is tried once, from its start
/** `password eq "…"` and the like inside a filter: the literal is the secret. */
const SECRET_COMPARISON = new RegExp(`((?:${SECRET_ATTRIBUTE})\\S*\\s+(?:eq|ne|co|sw|ew|gt|ge|lt|le)\\s+)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
export const REDACTED = '[redacted]';

/** Every secret name contains one of these: a URL or text without any (and without an encoded letter, which could
 *  spell one) needs no parsing. This check runs on every request, so it is the whole cost in the common case. */
const SECRET_HINT = /pass|pwd|secret|token|auth|credential|key|sig/i;
const ENCODED_LETTER = /%(?:[46][1-9a-f]|[57][0-9a])/i;
const TOKEN_RUN_LENGTH = 32;

/** Whether `text` holds a run of 32+ token characters (as TOKEN_RUN counts them), in one pass without allocating. */
function hasTokenRun(text: string): boolean {
  if (text.length < TOKEN_RUN_LENGTH) return false;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const tokenChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 43 || c === 45;
    if (tokenChar) run++;
    else if (c === 37 && isEncodedTokenChar(text.charCodeAt(i + 1), text.charCodeAt(i + 2) | 0x20)) {
      run += 3;
      i += 2;
    } else run = 0;
    if (run >= TOKEN_RUN_LENGTH) return true;
  }
  return false;
}

/** %2B, %2F, %3D (+ / =), given the two hex digits' codes, the second lower-cased. */
const isEncodedTokenChar = (high: number, low: number): boolean => (high === 50 && (low === 98 || low === 102)) || (high === 51 && low === 100);

/** A UUID or a CloudSSO id is never mistaken for a token: single-case hex with dashes, or 20 lowercase characters.
 *  A run is a token when it is all letters and digits, or mixes upper and lower case. */
function looksLikeToken(run: string): boolean {
  return /^[A-Za-z0-9]+$/.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run));
}

/** Free text (a path, a user agent, an error detail) with token-like runs and compared secrets replaced. */
export function redactText(text: string): string;
export function redactText(text: string | null): string | null;
export function redactText(text: string | null): string | null {
  if (text === null) return null;
  let out = text;
  if (hasTokenRun(out)) out = out.replace(TOKEN_RUN, (run) => (looksLikeToken(run) ? REDACTED : run));
  if (out.includes('"') && SECRET_HINT.test(out)) out = out.replace(SECRET_COMPARISON, `$1"${REDACTED}"`);
  return out;
}

/** The request target as the log keeps it: a query parameter named like a secret loses its value, and token-like
 *  runs or compared secrets anywhere in the URL are replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return redactText(url);
  if (!SECRET_HINT.test(url) && !ENCODED_LETTER.test(url) && !hasTokenRun(url)) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq >= 0 && SECRET_NAME.test(decodeLeniently(pair.slice(0, eq)))) return `${pair.slice(0, eq)}=${REDACTED}`;
      if (eq < 0) return redactText(pair);
      const value = decodeLeniently(pair.slice(eq + 1));
      const redacted = redactText(value);
      return redacted === value ? redactText(pair) : `${pair.slice(0, eq)}=${encodeURIComponent(redacted).replaceAll(encodeURIComponent(REDACTED), REDACTED)}`;
    });
  return `${redactText(url.slice(0, q))}?${params.join('&')}`;
}

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The request body as the log keeps it: the value of every key named like a secret (any case, any depth) is
 *  replaced, and so is the value of a PATCH operation whose path names one, however "path" and "value" are cased. */
export function redactBody(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return redactText(body);
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    if (SECRET_HINT.test(key) && SECRET_NAME.test(key)) return REDACTED;
    if (key.toLowerCase() === 'value' && !Array.isArray(this) && operationPathNamesSecret(this)) return REDACTED;
    return value;
  });
}

function operationPathNamesSecret(op: Record<string, unknown>): boolean {
  for (const key of Object.keys(op)) {
    if (key.toLowerCase() !== 'path') continue;
    const path = op[key];
    if (typeof path === 'string' && SECRET_NAME.test(path.trim())) return true;
  }
  return false;
}
