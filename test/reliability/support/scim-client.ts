// A tiny SCIM client for servers in other processes: the status and JSON body, or a thrown network error.
export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary SCIM JSON
  body: any;
  text: string;
  headers: Headers;
}

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export function scimClient(base: string, secret: string) {
  return async (method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(`${base}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
}

export type ScimCall = ReturnType<typeof scimClient>;

export const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

export const userDoc = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Given', familyName: 'Family' },
  emails: [{ value: `${userName.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.com`, type: 'work', primary: true }],
  active: true,
  ...extra,
});

/** Every user, page by page, as an IdP would read them back. */
export async function allUsers(call: ScimCall): Promise<{ id: string; userName: string; displayName?: string }[]> {
  const out: { id: string; userName: string; displayName?: string }[] = [];
  for (let start = 1; ; start += 100) {
    const page = await call('GET', `/Users?startIndex=${start}&count=100`);
    if (page.status !== 200) throw new Error(`GET /Users answered ${page.status}: ${page.text}`);
    out.push(...(page.body.Resources as { id: string; userName: string; displayName?: string }[]));
    if (page.body.Resources.length < 100 || out.length >= page.body.totalResults) return out;
  }
}
