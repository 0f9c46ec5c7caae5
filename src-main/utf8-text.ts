// Request bodies are UTF-8 JSON. Both listeners (SCIM and the console bridge) refuse text that is not valid
// Unicode instead of repairing it: a lossy decoder turns invalid bytes into U+FFFD, so what was stored would
// silently differ from what was sent.

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text, or null when they are not valid UTF-8 (a stray byte, a cut sequence, an encoded surrogate). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

export const INVALID_UTF8 = 'The request body is not valid UTF-8 (it contains a byte sequence that encodes no character).';
export const LONE_SURROGATE =
  'The request body contains an unpaired UTF-16 surrogate (a lone \\uD800–\\uDFFF escape), which is not valid Unicode.';

const SURROGATE = /[\uD800-\uDFFF]/u;

/** True when a parsed JSON value holds a lone surrogate in any key or string. JSON allows "\ud800" alone, but it is
 *  not Unicode: SQLite would store the column as U+FFFD while the stored document kept the escape. (With the `u`
 *  flag a well-formed pair is one code point, so only unpaired halves match.) */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  for (const [k, v] of Object.entries(value)) if (SURROGATE.test(k) || hasLoneSurrogate(v)) return true;
  return false;
}
