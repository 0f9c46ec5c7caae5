/** Keys whose values never reach the provisioning log or the server log (also as a URN or dotted key's last part). */
const SECRET_KEYS = /(^|[:.])(password|secret|credentialsecret|token|authorization)$/i;

/** The request body as the log keeps it: passwords and secrets replaced, everything else as sent. A PATCH operation
 *  whose path names a password carries it under "value", so that value is replaced too. */
export function redactBody(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    if (SECRET_KEYS.test(key)) return '[redacted]';
    if (key.toLowerCase() === 'value' && typeof this.path === 'string' && SECRET_KEYS.test(this.path.trim())) return '[redacted]';
    return value;
  });
}
