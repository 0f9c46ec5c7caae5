import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL, PRODUCT_NAME } from './app-origin';
import { readJsonFile, writeJsonFile } from './json-file';
import { secureWebPreferences } from './security';
import { captureWindowState, fitToDisplays, MINIMUM_WINDOW_SIZE, parseWindowState } from './window-state';

/** The one app window, at its remembered size and position (userData/window-state.json). */
export function createAppWindow(stateFile: string, preloadPath: string, iconPath: string | undefined): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(parseWindowState(readJsonFile(stateFile)), workAreas);

  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    title: PRODUCT_NAME,
    icon: iconPath,
    show: false, // shown once painted, so the user never sees a white flash
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // The title names the open tenant (set by main); the page's own <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());

  window.on('close', () => {
    try {
      writeJsonFile(stateFile, captureWindowState(window.getNormalBounds(), window.isMaximized()));
    } catch (error) {
      console.error('Could not remember the window position:', error);
    }
  });

  void window.loadURL(APP_ENTRY_URL);
  return window;
}
