import type { App, Session, WebContents, WebPreferences } from 'electron';
import { decideNavigation, decideWindowOpen } from './trusted-url';
import { isPermissionGranted } from './permissions';

/** Electron's security checklist, in one place, for the one window the app opens. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

type OpenExternal = (url: string) => void;

/** Every webContents, including ones we never meant to create: no navigation away from the app, no new
 *  windows, no <webview>. Web links are handed to the system browser instead. */
export function guardWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const refuseUnlessApp = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideNavigation(url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.openExternally) openExternal(url);
  };
  contents.on('will-navigate', refuseUnlessApp);
  contents.on('will-redirect', refuseUnlessApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url).openExternally) openExternal(url);
    return { action: 'deny' };
  });
}

export function applySessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, `${requestingOrigin}/`));
}

export function guardAllWebContents(app: App, openExternal: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
}
