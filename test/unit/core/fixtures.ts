import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScimUserWrite } from '../../../src-main/core/directory/user-store';
import { Tenant } from '../../../src-main/core/tenant';

/** A user as the SCIM layer hands it to the core. */
export const scimUser = (userName: string, extra: Partial<ScimUserWrite> = {}): ScimUserWrite => ({
  UserName: userName,
  FirstName: 'First',
  LastName: 'Last',
  DisplayName: `Display ${userName}`,
  Email: `${userName.toLowerCase()}@example.com`,
  Status: 'Enabled',
  ExternalId: `ext-${userName}`,
  Emails: [{ value: `${userName.toLowerCase()}@example.com`, type: 'work', primary: true }],
  Scim: { userName },
  ...extra,
});

/** A fresh tenant in a temporary folder, and how to throw it away. */
export function tempTenant(): { tenant: Tenant; dir: string; file: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-core-'));
  const file = path.join(dir, 'tenant.sqlite');
  const tenant = Tenant.open(file);
  return {
    tenant,
    dir,
    file,
    dispose: () => {
      tenant.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
