import { isAppUrl } from './trusted-url';

// The console needs no camera, geolocation, notifications…: everything is refused except writing to the
// clipboard from the app's own page ("copy the SCIM endpoint", "copy the secret").
const GRANTED_TO_APP = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED_TO_APP.has(permission) && isAppUrl(requestingUrl);
}
