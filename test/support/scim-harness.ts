// Starts a real server on ephemeral loopback ports over a fresh tenant file, with a credential and sync on,
// and gives tests a small SCIM client. Every SCIM test talks HTTP to this, never to the core directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../src-main/server';

export interface ScimHarness {
  server: RunningServer;
  dataFile: string;
  base: string;
  secret: string;
  credentialId: string;
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

export async function startHarness(options: { syncOn?: boolean; consolePort?: number | null } = {}): Promise<ScimHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-test-'));
  const dataFile = path.join(dir, 'tenant.sqlite');
  const server = await startServer({ dataFile, port: 0, acceleratedPort: 0, consolePort: options.consolePort === undefined ? null : options.consolePort, logLine: () => {} });
  const credential = server.tenant.credentials.create();
  if (options.syncOn !== false) server.tenant.settings.setSync('Enabled');
  const base = server.scimEndpoint;
  const scim: ScimHarness['scim'] = async (method, pathAndQuery, body, headers = {}) => {
    const res = await fetch(`${base}${pathAndQuery}`, {
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
