import type { PasswordPolicyChange } from '../../core/settings/password-policy';
import { directoryView, createdCredentialView, credentialView } from '../views';
import { requireDirectory, type ActionSpec } from './action';

/** The directory, SCIM synchronization, SCIM credentials and the password policy. */
export const DIRECTORY_ACTIONS: Record<string, ActionSpec> = {
  ListDirectories: {
    entity: 'Directory',
    run: ({ tenant }) => {
      const directories = tenant.settings.directoryExists() ? [directoryView(tenant.settings.directory())] : [];
      return { TotalCounts: directories.length, Directories: directories };
    },
  },
  GetDirectory: {
    entity: 'Directory',
    run: (call) => (requireDirectory(call), { Directory: directoryView(call.tenant.settings.directory()) }),
  },
  CreateDirectory: {
    entity: 'Directory',
    run: ({ tenant, params }) => ({ Directory: directoryView(tenant.createDirectory(params.optional('DirectoryName') || undefined)) }),
  },
  UpdateDirectory: {
    entity: 'Directory',
    run: (call) => {
      requireDirectory(call);
      const name = call.params.optional('NewDirectoryName');
      const directory = name === undefined ? call.tenant.settings.directory() : call.tenant.settings.updateDirectory({ DirectoryName: name });
      return { Directory: directoryView(directory) };
    },
  },
  DeleteDirectory: {
    entity: 'Directory',
    run: (call) => (requireDirectory(call), call.tenant.deleteDirectory(), {}),
  },
  GetDirectoryStatistics: {
    entity: 'Directory',
    run: (call) => {
      requireDirectory(call);
      const { tenant } = call;
      const s = tenant.statistics();
      const d = tenant.settings.directory();
      return {
        DirectoryStatistics: {
          DirectoryId: d.DirectoryId,
          DirectoryName: d.DirectoryName,
          Region: d.Region,
          UserCount: s.UserCount,
          GroupCount: s.GroupCount,
          // The emulator has no quotas and no access configurations [chosen]: these are fixed.
          UserQuota: 100_000,
          GroupQuota: 100_000,
          SCIMServerCredentialCount: s.CredentialCount,
          SCIMSyncEnabled: tenant.settings.syncEnabled(),
          SSOEnabled: false,
          AccessConfigurationCount: 0,
          AccessConfigurationQuota: 0,
          AccessAssignmentCount: 0,
          InProgressTaskCount: 0,
          InlinePolicyPerAccessConfigurationQuota: 0,
          SystemPolicyPerAccessConfigurationQuota: 0,
        },
      };
    },
  },

  GetSCIMSynchronizationStatus: {
    entity: 'Directory',
    run: (call) => (requireDirectory(call), { SCIMSynchronizationStatus: call.tenant.settings.sync().SCIMSynchronizationStatus }),
  },
  SetSCIMSynchronizationStatus: {
    entity: 'Directory',
    run: (call) => (requireDirectory(call), call.tenant.settings.setSync(call.params.requiredStatus('SCIMSynchronizationStatus')), {}),
  },

  CreateSCIMServerCredential: {
    entity: 'SCIMCredential',
    run: (call) => {
      requireDirectory(call);
      const c = call.tenant.credentials.create();
      call.touched.push(c.CredentialId);
      return { SCIMServerCredential: createdCredentialView(c) };
    },
  },
  ListSCIMServerCredentials: {
    entity: 'SCIMCredential',
    run: (call) => {
      requireDirectory(call);
      const list = call.tenant.credentials.list().map(credentialView);
      return { TotalCounts: list.length, SCIMServerCredentials: list };
    },
  },
  UpdateSCIMServerCredentialStatus: {
    entity: 'SCIMCredential',
    run: (call) => {
      requireDirectory(call);
      const id = call.params.required('CredentialId');
      call.touched.push(id);
      return { SCIMServerCredential: credentialView(call.tenant.credentials.setStatus(id, call.params.requiredStatus('NewStatus'))) };
    },
  },
  DeleteSCIMServerCredential: {
    entity: 'SCIMCredential',
    run: (call) => {
      requireDirectory(call);
      const id = call.params.required('CredentialId');
      call.touched.push(id);
      call.tenant.credentials.delete(id);
      return {};
    },
  },

  GetPasswordPolicy: {
    entity: 'PasswordPolicy',
    run: (call) => (requireDirectory(call), { PasswordPolicy: call.tenant.passwordPolicy.get() }),
  },
  SetPasswordPolicy: {
    entity: 'PasswordPolicy',
    run: (call) => {
      requireDirectory(call);
      const p = call.params;
      const change: PasswordPolicyChange = {
        MinPasswordLength: p.int('MinPasswordLength', 8, 32),
        MinPasswordDifferentChars: p.int('MinPasswordDifferentChars', 0, 32),
        MaxPasswordAge: p.int('MaxPasswordAge', 1, 120),
        PasswordReusePrevention: p.int('PasswordReusePrevention', 0, 24),
        MaxLoginAttempts: p.int('MaxLoginAttempts', 0, 32),
        PasswordNotContainUsername: p.bool('PasswordNotContainUsername'),
      };
      call.tenant.passwordPolicy.set(change);
      return {};
    },
  },
};
