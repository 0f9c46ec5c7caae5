import { isExternalWebUrl } from './trusted-url';

/** The single door from the app to the system browser. Anything but http(s) (file:, javascript:, custom
 *  schemes that launch other programs) is refused, so a crafted link in tenant data cannot run anything. */
export async function openExternalLink(url: string, openExternal: (url: string) => Promise<void>): Promise<boolean> {
  if (!isExternalWebUrl(url)) return false;
  await openExternal(url);
  return true;
}
