import type { Tenant } from '../../core/tenant';
import { ScimError } from '../errors';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="CloudSSO SCIM"' };

const REASONS = {
  missing: 'Authentication is required: send Authorization: Bearer <SCIM credential secret>.',
  unknown: 'The bearer token is not a SCIM credential of this directory.',
  disabled: 'The SCIM credential is disabled. Enable it, or use another credential (Settings > User Settings).',
  expired: 'The SCIM credential has expired. Generate a new SCIM credential (Settings > User Settings).',
} as const;

/** Returns the credential id, or throws 401 (bad token) / 403 (sync switch off), each with a SCIM error body.
 *  `noteCredential` learns the credential even when it is refused, so the log can say which one failed. */
const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

export function authenticate(tenant: Tenant, authorization: string | undefined, noteCredential: (id: string) => void = () => {}): string {
  const match = BEARER.exec(authorization ?? '');
  if (authorization !== undefined && !match) {
    throw new ScimError(401, 'The Authorization header must use the Bearer scheme: Authorization: Bearer <SCIM credential secret>.', undefined, CHALLENGE);
  }
  const outcome = tenant.credentials.authenticate(match?.[1] ?? null);
  if (outcome.credentialId) noteCredential(outcome.credentialId);
  if (!outcome.ok) throw new ScimError(401, REASONS[outcome.reason], undefined, CHALLENGE);
  tenant.assertScimAllowed();
  tenant.credentials.touch(outcome.credentialId);
  return outcome.credentialId;
}

/** Which credential a request carries, without judging it: for the log of a request refused before authentication. */
export function identifyCredential(tenant: Tenant, authorization: string | undefined): string | null {
  const match = BEARER.exec(authorization ?? '');
  return match ? (tenant.credentials.authenticate(match[1]!).credentialId ?? null) : null;
}
