// The console is served from a custom scheme rather than file://, so it has a real origin of its own:
// CSP 'self', the IPC sender check and navigation rules can all name exactly this origin.
export const APP_SCHEME = 'app';
export const APP_HOST = 'cloudsso-local';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const PRODUCT_NAME = 'CloudSSO Local';
