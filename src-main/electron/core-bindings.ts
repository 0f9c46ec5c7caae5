// The only file of the desktop shell that reaches into the server and the core: everything else in
// src-main/electron depends on the small interfaces it declares (HostedServer, AdminDispatcher).
// When the demo IdP lands it is wired here too, as startServer's `demo` option (as `serve` does).
export { DEFAULT_ACCELERATED_PORT, DEFAULT_SCIM_PORT, defaultTenantPath, startServer, type RunningServer } from '../server';
export { exportTenant, importTenant } from '../core/tenant-file';
export { userDataDir } from '../app-paths';
