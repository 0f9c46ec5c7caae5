/** Parameters and answer fields whose values never reach the provisioning log. */
const SECRET_FIELDS = new Set(['Signature', 'AccessKeySecret', 'Password', 'CredentialSecret', 'NewPassword']);

/** A JSON text of `value` with every secret field's value replaced, at any depth. */
export function redactSecrets(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (SECRET_FIELDS.has(key) ? '[redacted]' : v));
}

const SECRET_KEY_IN_JSON = new RegExp(`"(?:${[...SECRET_FIELDS].join('|')})"\\s*:`);

/** An answer as the log keeps it. Only an answer that names a secret field (a credential's creation, a password
 *  reset) is parsed and redacted: parsing, copying and re-serialising every 100-user list page cost more than the
 *  call itself and grew the heap, and the log keeps only the answer's first 4 KB anyway. */
export function redactAnswer(text: string | null): string | null {
  if (text === null || !SECRET_KEY_IN_JSON.test(text)) return text;
  try {
    return redactSecrets(JSON.parse(text));
  } catch {
    return '[redacted: an answer naming a secret field that is not JSON]';
  }
}
