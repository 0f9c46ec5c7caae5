// Starts a real server on ephemeral loopback ports over a fresh tenant file, with a credential and sync on,
// and gives tests a small SCIM client. Every SCIM test talks HTTP to this, never to the core directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../src-main/server';
import { fetchTrusting } from '../../src-main/tls/trusting-fetch';
import { sharedTlsDir } from './tls-fixtures';

/** How the suites reach the server: the SCIM suites that matter to an IdP run over both. */
export type Transport = 'http' | 'https';
export const TRANSPORTS: Transport[] = ['http', 'https'];

export interface ScimHarness {
  server: RunningServer;
  dataFile: string;
  base: string;
  secret: string;
  credentialId: string;
  transport: Transport;
  /** fetch that trusts the server's certificate over https (the local CA), plain fetch over http. */
  fetch: typeof fetch;
  /** fetch against the SCIM base with the credential; body objects are sent as application/scim+json. */
  scim(method: string, pathAndQuery: string, body?: unknown, headers?: Record<string, string>): Promise<ScimResponse>;
  close(): Promise<void>;
}

export interface ScimResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary SCIM JSON
  text: string;
}

export async function startHarness(options: { syncOn?: boolean; consolePort?: number | null; transport?: Transport } = {}): Promise<ScimHarness> {
  const transport = options.transport ?? 'http';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-test-'));
  const dataFile = path.join(dir, 'tenant.sqlite');
  const server = await startServer({
    dataFile,
    port: 0,
    acceleratedPort: 0,
    apiPort: 0,
    consolePort: options.consolePort === undefined ? null : options.consolePort,
    logLine: () => {},
    // Never the user's own data folder, also when a test turns HTTPS on later.
    tlsDir: sharedTlsDir(),
    ...(transport === 'https' ? { tls: true } : {}),
  });
  const credential = server.tenant.credentials.create();
  if (options.syncOn !== false) server.tenant.settings.setSync('Enabled');
  const base = server.scimEndpoint;
  const ca = server.https.trustedCa();
  const harnessFetch = transport === 'https' && ca ? fetchTrusting(ca) : fetch;
  const scim: ScimHarness['scim'] = async (method, pathAndQuery, body, headers = {}) => {
    const res = await harnessFetch(`${base}${pathAndQuery}`, {
      method,
      headers: {
        authorization: `Bearer ${credential.CredentialSecret}`,
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    server,
    dataFile,
    base,
    secret: credential.CredentialSecret,
    credentialId: credential.CredentialId,
    transport,
    fetch: harnessFetch,
    scim,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const userBody = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Given', familyName: 'Family' },
  displayName: `Display ${userName}`,
  emails: [{ value: `${userName.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.com`, type: 'work', primary: true }],
  active: true,
  ...extra,
});

export const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

/** RFC 7643 §8.2's full User ("Babs Jensen") with the enterprise extension: every core attribute an IdP may send. */
export const rfcFullUser = () => ({
  schemas: [USER_SCHEMA, ENTERPRISE],
  externalId: '701984-ext',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane', honorificPrefix: 'Ms.', honorificSuffix: 'III' },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  title: 'Tour Guide',
  userType: 'Employee',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home', primary: false },
  ],
  phoneNumbers: [{ value: '555-555-5555', type: 'work' }, { value: '555-555-4444', type: 'mobile' }],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  photos: [{ value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' }],
  addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA', formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA', primary: true }],
  entitlements: [{ value: 'Some Entitlement' }],
  roles: [{ value: 'Some Role' }],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  [ENTERPRISE]: { employeeNumber: '701984', costCenter: '4130', organization: 'Universal Studios', division: 'Theme Park', department: 'Tour Operations', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' } },
});
