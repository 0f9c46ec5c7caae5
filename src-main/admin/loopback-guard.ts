// DNS-rebinding and cross-site defence for the console bridge: only our own origin may talk to it.

/** The Host header must name the loopback listener itself (a rebound DNS name is refused). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/** A browser's Origin, when sent, must be the console's own. Absent Origin (same-origin GET, tools) is fine. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || origin === `http://[::1]:${port}`;
}
