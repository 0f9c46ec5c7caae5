// The only file of the desktop shell that reaches into the server and the core: everything else in
// src-main/electron depends on the small interfaces it declares (HostedServer, AdminDispatcher).
import { createDemoController } from '../idp/demo-controller';
import type { ServeOptions } from '../server';

export { DEFAULT_ACCELERATED_PORT, DEFAULT_API_PORT, DEFAULT_SCIM_PORT, defaultTenantPath, startServer, type RunningServer } from '../server';
export { exportTenant, importTenant } from '../core/tenant-file';
export { userDataDir } from '../app-paths';

/** The demo IdP (Tools page), wired exactly as `serve` wires it. */
export const demoIdp: NonNullable<ServeOptions['demo']> = ({ scimEndpoint, trustedCa, tenant, notify }) =>
  createDemoController({ scimEndpoint, trustedCa, tenant, notify: () => notify(['demo']) });
