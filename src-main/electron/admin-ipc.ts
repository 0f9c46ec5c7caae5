import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  ADMIN_CHANNELS,
  IPC_INVOKE_PREFIX,
  type AdminChannel,
  type AdminRequest,
  type AdminResponse,
  type AdminResult,
} from '../admin/contract';
import { isTrustedIpcSender, type IpcSenderFacts } from './ipc-sender';

/** The part of the hosted server the IPC transport needs. */
export interface AdminDispatcher {
  dispatch<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>>;
}

export interface AdminIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Null while a tenant is being switched: calls then get a clear error instead of reaching a closed database. */
  currentDispatcher(): AdminDispatcher | null;
  /** The id of the app window's webContents (null before it exists). */
  appWebContentsId(): number | null;
}

export function senderFactsOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): IpcSenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame ? frame.parent === null : false,
    webContentsId: event.sender.id,
  };
}

/** One ipcMain handler per AdminApi channel, each refusing senders other than the app's own page.
 *  Returns a function that removes them all (used when the app shuts down). */
export function registerAdminHandlers(options: AdminIpcOptions): () => void {
  for (const channel of ADMIN_CHANNELS) {
    options.ipcMain.handle(IPC_INVOKE_PREFIX + channel, async (event, request: unknown) => {
      if (!isTrustedIpcSender(senderFactsOf(event), options.appWebContentsId())) {
        throw new Error(`Refused AdminApi call '${channel}' from a sender that is not the CloudSSO Local window.`);
      }
      const dispatcher = options.currentDispatcher();
      if (!dispatcher) return unavailable();
      try {
        // The request crossed a process boundary as plain data; the AdminApi handlers validate every field.
        return await dispatcher.dispatch(channel, request as AdminRequest<typeof channel>);
      } catch (error) {
        return internalError(error);
      }
    });
  }
  return () => {
    for (const channel of ADMIN_CHANNELS) options.ipcMain.removeHandler(IPC_INVOKE_PREFIX + channel);
  };
}

function unavailable(): AdminResult<never> {
  return { ok: false, error: { Code: 'Precondition', Message: 'The tenant is being opened; try again in a moment.' } };
}

function internalError(error: unknown): AdminResult<never> {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { Code: 'Internal', Message: message } };
}
