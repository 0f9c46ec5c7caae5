/** Parameters and answer fields whose values never reach the provisioning log. */
const SECRET_FIELDS = new Set(['Signature', 'AccessKeySecret', 'Password', 'CredentialSecret', 'NewPassword']);

/** A JSON text of `value` with every secret field's value replaced, at any depth. */
export function redactSecrets(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (SECRET_FIELDS.has(key) ? '[redacted]' : v));
}
