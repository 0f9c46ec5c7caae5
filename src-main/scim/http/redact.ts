/** Keys whose values never reach the provisioning log or the server log. */
const SECRET_KEYS = /^(password|secret|credentialsecret|token|authorization)$/i;

/** The request body as the log keeps it: passwords and secrets replaced, everything else as sent. */
export function redactBody(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  return JSON.stringify(body, (key, value) => (SECRET_KEYS.test(key) ? '[redacted]' : value));
}
