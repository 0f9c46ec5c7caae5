// Settings → User Settings and Global Management, plus the SCIM credentials and AccessKeys tables.
import { create } from 'zustand';
import type { AccessKey, CaCertificate, CreatedAccessKey, CreatedCredential, Credential, Directory, Region, SettingsView, Status } from '../../src-main/admin/contract';
import { adminCall, errorMessage } from '../api/admin-client';

interface SettingsState {
  view: SettingsView | null;
  credentials: Credential[] | null;
  accessKeys: AccessKey[] | null;
  loadError: string | null;
  load(): Promise<void>;
  loadCredentials(): Promise<void>;
  setSync(status: Status): Promise<SettingsView>;
  setAccelerated(status: Status): Promise<SettingsView>;
  /** Resolves once the listeners serve what the switch says (a first certificate takes a moment to make). */
  setHttps(status: Status): Promise<SettingsView>;
  caCertificate(create: boolean): Promise<CaCertificate | null>;
  updateDirectory(change: { DirectoryName?: string; Region?: Region }): Promise<Directory>;
  createCredential(): Promise<CreatedCredential>;
  setCredentialStatus(credentialId: string, status: Status): Promise<Credential>;
  deleteCredential(credentialId: string): Promise<void>;
  loadAccessKeys(): Promise<void>;
  createAccessKey(): Promise<CreatedAccessKey>;
  setAccessKeyStatus(accessKeyId: string, status: Status): Promise<AccessKey>;
  deleteAccessKey(accessKeyId: string): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  view: null,
  credentials: null,
  accessKeys: null,
  loadError: null,
  async load() {
    try {
      set({ view: await adminCall('settings.get'), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async loadCredentials() {
    try {
      set({ credentials: await adminCall('credentials.list'), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async setSync(Status) {
    const view = await adminCall('settings.setSync', { Status });
    set({ view });
    return view;
  },
  async setAccelerated(Status) {
    const view = await adminCall('settings.setAccelerated', { Status });
    set({ view });
    return view;
  },
  async setHttps(Status) {
    const view = await adminCall('settings.setHttps', { Status });
    set({ view });
    return view;
  },
  caCertificate: (Create) => adminCall('tls.caCertificate', { Create }),
  async updateDirectory(change) {
    const directory = await adminCall('directory.update', change);
    await get().load();
    return directory;
  },
  async createCredential() {
    const created = await adminCall('credentials.create');
    await get().loadCredentials();
    return created;
  },
  async setCredentialStatus(CredentialId, Status) {
    const updated = await adminCall('credentials.setStatus', { CredentialId, Status });
    set({ credentials: (get().credentials ?? []).map((c) => (c.CredentialId === CredentialId ? updated : c)) });
    return updated;
  },
  async deleteCredential(CredentialId) {
    await adminCall('credentials.delete', { CredentialId });
    set({ credentials: (get().credentials ?? []).filter((c) => c.CredentialId !== CredentialId) });
  },
  async loadAccessKeys() {
    try {
      set({ accessKeys: await adminCall('accessKeys.list'), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async createAccessKey() {
    const created = await adminCall('accessKeys.create');
    await get().loadAccessKeys();
    return created;
  },
  async setAccessKeyStatus(AccessKeyId, Status) {
    const updated = await adminCall('accessKeys.setStatus', { AccessKeyId, Status });
    set({ accessKeys: (get().accessKeys ?? []).map((k) => (k.AccessKeyId === AccessKeyId ? updated : k)) });
    return updated;
  },
  async deleteAccessKey(AccessKeyId) {
    await adminCall('accessKeys.delete', { AccessKeyId });
    set({ accessKeys: (get().accessKeys ?? []).filter((k) => k.AccessKeyId !== AccessKeyId) });
  },
}));
