// Runs sandboxed: it may require 'electron' and nothing else, so it imports the contract for types only
// (erased at compile time) and restates the channel list, which the compiler checks against the contract.
// test/electron-unit/preload.test.ts checks the emitted JavaScript requires nothing but 'electron'.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  AdminChannel,
  ChangeEvent,
  IPC_CHANGE_CHANNEL,
  IPC_INVOKE_PREFIX,
  PRELOAD_GLOBAL,
  PreloadAdminApi,
} from '../admin/contract';

const invokePrefix: typeof IPC_INVOKE_PREFIX = 'admin:';
const changeChannel: typeof IPC_CHANGE_CHANNEL = 'admin:change';
const globalName: typeof PRELOAD_GLOBAL = 'cloudssoAdmin';

// `satisfies Record<AdminChannel, true>`: a channel missing here, or one the contract does not have, fails to compile.
const CHANNELS = {
  'overview.get': true,
  'settings.get': true,
  'rules.get': true,
  'settings.setSync': true,
  'settings.setAccelerated': true,
  'settings.setHttps': true,
  'directory.update': true,
  'tls.caCertificate': true,
  'credentials.list': true,
  'credentials.create': true,
  'credentials.setStatus': true,
  'credentials.delete': true,
  'accessKeys.list': true,
  'accessKeys.create': true,
  'accessKeys.setStatus': true,
  'accessKeys.delete': true,
  'users.list': true,
  'users.get': true,
  'users.create': true,
  'users.update': true,
  'users.setStatus': true,
  'users.resetPassword': true,
  'users.delete': true,
  'users.groups': true,
  'groups.list': true,
  'groups.get': true,
  'groups.create': true,
  'groups.update': true,
  'groups.delete': true,
  'groups.members': true,
  'groups.addMembers': true,
  'groups.removeMember': true,
  'activity.list': true,
  'activity.get': true,
  'faults.get': true,
  'faults.set': true,
  'demo.start': true,
  'demo.progress': true,
  'demo.cancel': true,
} as const satisfies Record<AdminChannel, true>;

function buildAdminApi(): PreloadAdminApi {
  const api: Record<string, unknown> = {};
  for (const channel of Object.keys(CHANNELS) as AdminChannel[]) {
    api[channel] = (request: unknown) => ipcRenderer.invoke(invokePrefix + channel, request);
  }
  api.onChange = (listener: (event: ChangeEvent) => void): (() => void) => {
    // The IPC event object (with its sender) never reaches the page: only the payload does.
    const forward = (_event: IpcRendererEvent, change: ChangeEvent): void => listener(change);
    ipcRenderer.on(changeChannel, forward);
    return () => {
      ipcRenderer.removeListener(changeChannel, forward);
    };
  };
  return api as PreloadAdminApi;
}

contextBridge.exposeInMainWorld(globalName, buildAdminApi());
