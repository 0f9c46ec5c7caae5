import { ApiError } from '../api-error';
import type { ActionSpec } from './action';
import { DIRECTORY_ACTIONS } from './directory-actions';
import { FIXED_SETTINGS_ACTIONS } from './fixed-settings-actions';
import { GROUP_ACTIONS } from './group-actions';
import { USER_ACTIONS } from './user-actions';

export const API_VERSION = '2021-05-15';

/** The emulated actions, looked up in a Map: an action name is untrusted input. */
export const ACTIONS: ReadonlyMap<string, ActionSpec> = new Map(Object.entries({ ...DIRECTORY_ACTIONS, ...USER_ACTIONS, ...GROUP_ACTIONS, ...FIXED_SETTINGS_ACTIONS }));

/** CloudSSO 2021-05-15 actions the emulator knows of but does not answer (service status, MFA, sign-in settings,
 *  SAML, access configurations and assignments, RAM user provisioning, tasks, tags). They are refused by name.
 *  Of MFA, sign-in, SAML and provisioning settings only the reads Terraform makes are answered, with fixed values. */
export const NOT_EMULATED: ReadonlySet<string> = new Set([
  'GetServiceStatus', 'EnableService', 'DisableService',
  'DeleteMFADeviceForUser', 'ListMFADevicesForUser', 'GetMFAAuthenticationSettings', 'UpdateMFAAuthenticationSettings',
  'UpdateUserMFAAuthenticationSettings', 'SetMFAAuthenticationStatus', 'SetLoginPreference',
  'SetExternalSAMLIdentityProvider', 'ClearExternalSAMLIdentityProvider',
  'AddExternalSAMLIdPCertificate', 'RemoveExternalSAMLIdPCertificate', 'ListExternalSAMLIdPCertificates',
  'SetDirectorySAMLServiceProviderInfo', 'UpdateDirectoryGlobalAccessStatus', 'GetDelegateAccount',
  'EnableDelegateAccount', 'DisableDelegateAccount', 'ListDelegateAccounts',
  'CreateAccessConfiguration', 'GetAccessConfiguration', 'ListAccessConfigurations', 'UpdateAccessConfiguration', 'DeleteAccessConfiguration',
  'AddPermissionPolicyToAccessConfiguration', 'RemovePermissionPolicyFromAccessConfiguration', 'ListPermissionPoliciesInAccessConfiguration',
  'CreateAccessAssignment', 'DeleteAccessAssignment', 'ListAccessAssignments', 'ProvisionAccessConfiguration', 'ListAccessConfigurationProvisionings',
  'GetAccessConfigurationProvisioning', 'DeprovisionAccessConfiguration',
  'CreateUserProvisioning', 'DeleteUserProvisioning', 'GetUserProvisioning', 'ListUserProvisionings', 'UpdateUserProvisioning',
  'UpdateUserProvisioningConfiguration', 'RetryUserProvisioningEvent', 'ListUserProvisioningEvents',
  'GetTask', 'ListTasks', 'GetTaskStatus', 'TagResources', 'UntagResources', 'ListTagResources',
]);

/** The action a call names, or the refusal: not emulated (400, named) or not a CloudSSO action at all (404). */
export function findAction(name: string): ActionSpec {
  const spec = ACTIONS.get(name);
  if (spec) return spec;
  if (NOT_EMULATED.has(name)) {
    throw new ApiError(400, 'InvalidAction.NotEmulated', `${name} is a CloudSSO action that CloudSSO Local does not emulate. See docs/openapi.md for the actions it answers.`);
  }
  throw new ApiError(404, 'InvalidAction.NotFound', `Specified api "${name}" is not found in CloudSSO ${API_VERSION}, please check your url and method.`);
}
