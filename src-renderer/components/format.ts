// Display formatting shared by the pages. Times are shown in the admin's local time zone, to the second,
// like the CloudSSO console; the ISO value stays available in a tooltip for copying into bug reports.

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Request/response bodies as stored (redacted by the core): pretty-printed when they are JSON. */
export function prettyBody(body: string | null): string | null {
  if (body === null || body === '') return null;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function isErrorStatus(status: number): boolean {
  return status >= 400;
}

/** A file name for the downloaded credential secret. */
export function secretFileName(credentialId: string): string {
  return `${credentialId.replace(/[^A-Za-z0-9_-]/g, '_')}.txt`;
}
