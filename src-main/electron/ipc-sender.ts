import { isAppUrl } from './trusted-url';

/** What an IPC event says about who sent it (taken from event.sender / event.senderFrame). */
export interface IpcSenderFacts {
  /** Null when the frame is gone (navigated away or destroyed) before the message was handled. */
  frameUrl: string | null;
  isMainFrame: boolean;
  webContentsId: number;
}

/** Only the console's own top-level page, in the app's own window, may call the AdminApi:
 *  not an iframe, not a page that navigated elsewhere, not some other webContents. */
export function isTrustedIpcSender(sender: IpcSenderFacts, appWebContentsId: number | null): boolean {
  if (appWebContentsId === null || sender.webContentsId !== appWebContentsId) return false;
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  return isAppUrl(sender.frameUrl);
}
