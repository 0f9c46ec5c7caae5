// The core's refusals in an IdP engineer's terms: SCIM attribute names (userName, emails), not CloudSSO's fields.
import { englishMessages, type MessageCatalogue } from '../core/error-messages';

const SCIM_ATTRIBUTE: Record<string, string> = {
  UserName: 'userName',
  Email: 'emails',
  FirstName: 'name.givenName',
  LastName: 'name.familyName',
  DisplayName: 'displayName',
  GroupName: 'displayName',
  ExternalId: 'externalId',
  Status: 'active',
  members: 'members',
};

const scimName = (attribute: string) => SCIM_ATTRIBUTE[attribute] ?? attribute;

export const SCIM_MESSAGES: MessageCatalogue = {
  ...englishMessages(scimName),
  // Uniqueness refusals name the attribute first: an IdP engineer matches the detail to the attribute it sent.
  UserNameTaken: (p) => `userName: a user named ${p.userName} already exists (user names are unique regardless of case).`,
  EmailTaken: (p) => `emails: ${p.email} is already used by user ${p.userId} (emails are unique in a directory).`,
  GroupNameTaken: (p) => `displayName: a group named ${p.groupName} already exists (group names are unique regardless of case).`,
  MemberNotAUser: (p) => `members: ${p.userId} is not a user in this directory.`,
};
