import { apiTime } from '../views';
import { requireDirectory, requireUser, type ActionSpec } from './action';

/**
 * Reads of settings the emulator does not model (MFA, sign-in preferences, SAML single sign-on, RAM user
 * provisioning, global access). Terraform's alicloud_cloud_sso_directory and alicloud_cloud_sso_user resources read
 * them on every refresh and stop at the first refusal, so they answer what a fresh CloudSSO directory has: fixed
 * values [chosen], in CloudSSO's field names. The matching Set/Update actions stay refused (not emulated), so no
 * caller is told a setting changed that this emulator does not keep.
 */
export const FIXED_SETTINGS_ACTIONS: Record<string, ActionSpec> = {
  GetUserMFAAuthenticationSettings: {
    entity: 'User',
    run: (call) => {
      requireDirectory(call);
      const userId = call.params.required('UserId');
      call.touched.push(userId);
      requireUser(call, userId);
      return { UserMFAAuthenticationSettings: 'Enabled' };
    },
  },
  GetMFAAuthenticationStatus: {
    entity: 'Directory',
    run: (call) => (requireDirectory(call), { MFAAuthenticationStatus: 'Enabled' }),
  },
  GetMFAAuthenticationSettingInfo: {
    entity: 'Directory',
    run: (call) => {
      requireDirectory(call);
      // 'Byuser': MFA follows each user's own setting, which GetUserMFAAuthenticationSettings reports as Enabled.
      return { MFAAuthenticationSettingInfo: { MfaAuthenticationAdvanceSettings: 'Byuser', OperationForRiskLogin: 'Autonomous' } };
    },
  },
  GetLoginPreference: {
    entity: 'Directory',
    // An empty LoginNetworkMasks is CloudSSO's way of saying no IP allow-list is configured.
    run: (call) => (requireDirectory(call), { LoginPreference: { AllowUserToGetCredentials: false, LoginNetworkMasks: '' } }),
  },
  GetExternalSAMLIdentityProvider: {
    entity: 'Directory',
    // No IdP metadata was ever uploaded: SSO is off and only the directory and the default signing choice are known.
    run: (call) => ({ SAMLIdentityProviderConfiguration: { DirectoryId: requireDirectory(call), SSOStatus: 'Disabled', WantRequestSigned: false } }),
  },
  GetDirectorySAMLServiceProviderInfo: {
    entity: 'Directory',
    // No SAML sign-in happens here, so there is no service-provider entity id, ACS URL or metadata to give out.
    run: (call) => ({
      SAMLServiceProvider: { DirectoryId: requireDirectory(call), AuthnSignAlgo: 'rsa-sha256', CertificateType: 'self-signed', SupportEncryptedAssertion: false },
    }),
  },
  GetUserProvisioningConfiguration: {
    entity: 'Directory',
    run: (call) => {
      const directoryId = requireDirectory(call);
      const created = apiTime(call.tenant.settings.directory().CreateTime);
      // CloudSSO's documented defaults: the console home page, 6-hour sessions; never changed, so set when the directory was made.
      return {
        UserProvisioningConfiguration: {
          DirectoryId: directoryId,
          DefaultLandingPage: 'https://homenew.console.aliyun.com',
          SessionDuration: 6,
          CreateTime: created,
          UpdateTime: created,
        },
      };
    },
  },
  GetDirectoryGlobalAccessStatus: {
    entity: 'Directory',
    // The lower-case `status` is how CloudSSO spells it: Terraform's provider reads $.GlobalAccessStatus.status.
    run: (call) => (requireDirectory(call), { GlobalAccessStatus: { status: 'Disabled' } }),
  },
};
