// The discovery documents. They describe exactly what this server stores and returns (RFC 7643 §5–7).
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, MAX_PAGE_SIZE, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SPC_SCHEMA, USER_SCHEMA } from './schema-urns';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
type Returned = 'always' | 'never' | 'default' | 'request';
export interface Attr {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime' | 'binary';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: Attr[];
  referenceTypes?: string[];
  canonicalValues?: string[];
}

const attr = (name: string, description: string, o: Partial<Attr> = {}): Attr => ({
  name,
  type: 'string',
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...o,
});

const multi = (name: string, description: string, valueDescription: string, extra: Attr[] = []): Attr =>
  attr(name, description, {
    type: 'complex',
    multiValued: true,
    subAttributes: [
      attr('value', valueDescription),
      attr('display', 'A human-readable name, primarily used for display purposes.'),
      attr('type', 'A label indicating the attribute\'s function, e.g. "work" or "home".'),
      attr('primary', 'Indicates the primary or preferred attribute value.', { type: 'boolean' }),
      ...extra,
    ],
  });

const USER_ATTRIBUTES: Attr[] = [
  attr('userName', 'Unique identifier for the user (CloudSSO UserName): at most 64 characters of A-Z a-z 0-9 @ _ - . Cannot be changed once created.', {
    required: true,
    uniqueness: 'server',
    mutability: 'immutable',
  }),
  attr('name', "The components of the user's name.", {
    type: 'complex',
    subAttributes: [
      attr('formatted', 'The full name.'),
      attr('familyName', 'The family name (CloudSSO LastName, at most 64 characters).'),
      attr('givenName', 'The given name (CloudSSO FirstName, at most 64 characters).'),
      attr('middleName', 'The middle name(s).'),
      attr('honorificPrefix', 'The honorific prefix(es).'),
      attr('honorificSuffix', 'The honorific suffix(es).'),
    ],
  }),
  attr('displayName', 'The name displayed to end users (CloudSSO DisplayName, at most 256 characters).'),
  attr('nickName', 'The casual way to address the user.'),
  attr('profileUrl', "A URI of the user's online profile.", { type: 'reference', referenceTypes: ['external'] }),
  attr('title', "The user's title."),
  attr('userType', 'The relationship between the organization and the user.'),
  attr('preferredLanguage', "The user's preferred written or spoken language."),
  attr('locale', "The user's default location."),
  attr('timezone', "The user's time zone."),
  attr('active', 'Whether the user may log on (CloudSSO Status: Enabled or Disabled).', { type: 'boolean' }),
  attr('password', 'Accepted, stored only as a slow hash, never returned.', { mutability: 'writeOnly', returned: 'never', caseExact: true }),
  multi('emails', 'E-mail addresses. The primary (else work, else first) is CloudSSO Email: unique in the directory, at most 128 characters.', 'An e-mail address.'),
  multi('phoneNumbers', 'Phone numbers.', 'A phone number.'),
  multi('ims', 'Instant messaging addresses.', 'An instant messaging address.'),
  multi('photos', 'URLs of photos of the user.', 'A URL of a photo.'),
  attr('addresses', 'Physical mailing addresses.', {
    type: 'complex',
    multiValued: true,
    subAttributes: ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type']
      .map((n) => attr(n, `The ${n} component of the address.`))
      .concat([attr('primary', 'The primary address.', { type: 'boolean' })]),
  }),
  multi('entitlements', 'Entitlements.', 'An entitlement.'),
  multi('roles', 'Roles.', 'A role.'),
  multi('x509Certificates', 'Certificates.', 'A DER certificate, base64.', []),
];

const ENTERPRISE_ATTRIBUTES: Attr[] = [
  attr('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person.'),
  attr('costCenter', 'Identifies the name of a cost center.'),
  attr('organization', 'Identifies the name of an organization.'),
  attr('division', 'Identifies the name of a division.'),
  attr('department', 'Identifies the name of a department.'),
  attr('manager', "The user's manager.", {
    type: 'complex',
    subAttributes: [
      attr('value', 'The id of the manager.'),
      attr('$ref', 'The URI of the manager.', { type: 'reference', referenceTypes: ['User'] }),
      attr('displayName', 'The manager\'s display name.', { mutability: 'readOnly' }),
    ],
  }),
];

const GROUP_ATTRIBUTES: Attr[] = [
  attr('displayName', 'The group name (CloudSSO GroupName): unique, at most 128 characters of A-Z a-z 0-9 _ - . with no spaces.', {
    required: true,
    uniqueness: 'server',
  }),
  attr('members', 'The members of the group (users). Left out of GET /Groups without a filter, as in CloudSSO.', {
    type: 'complex',
    multiValued: true,
    subAttributes: [
      attr('value', 'The id of the member.', { mutability: 'immutable', caseExact: true }),
      attr('$ref', 'The URI of the member.', { type: 'reference', referenceTypes: ['User'], mutability: 'immutable' }),
      attr('display', 'The member\'s display name.', { mutability: 'readOnly' }),
      attr('type', 'The type of member.', { canonicalValues: ['User'], mutability: 'immutable' }),
    ],
  }),
];

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: 'https://www.alibabacloud.com/help/en/cloudsso/user-guide/scim-2-0-interfaces-supported-by-sso',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    // PUT/PATCH of password is accepted and applied (stored as a slow hash)
    changePassword: { supported: true },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A CloudSSO SCIM credential (Settings > User Settings > Generate New SCIM Credential) sent as Authorization: Bearer <secret>.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A CloudSSO user',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A CloudSSO group',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

const COMMON: Attr[] = [
  attr('id', 'Unique identifier assigned by CloudSSO (u-… or g-…).', { mutability: 'readOnly', returned: 'always', uniqueness: 'server', caseExact: true }),
  attr('externalId', "The IdP's identifier for the resource.", { caseExact: true }),
];

export function schemas(base: string) {
  const schema = (id: string, name: string, description: string, attributes: Attr[]) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  });
  return [
    schema(USER_SCHEMA, 'User', 'User Account', [...COMMON, ...USER_ATTRIBUTES]),
    schema(ENTERPRISE_SCHEMA, 'EnterpriseUser', 'Enterprise User', ENTERPRISE_ATTRIBUTES),
    schema(GROUP_SCHEMA, 'Group', 'Group', [...COMMON, ...GROUP_ATTRIBUTES]),
  ];
}

/** The attributes each served schema declares, for resolving PATCH paths against exactly what /Schemas says. */
export const SCHEMA_ATTRIBUTES: Readonly<Record<string, readonly Attr[]>> = {
  [USER_SCHEMA]: [...COMMON, ...USER_ATTRIBUTES],
  [ENTERPRISE_SCHEMA]: ENTERPRISE_ATTRIBUTES,
  [GROUP_SCHEMA]: [...COMMON, ...GROUP_ATTRIBUTES],
};

/** Attribute names as the schema spells them, for matching what IdPs send in any case. */
export const USER_ATTRIBUTE_NAMES = [...COMMON, ...USER_ATTRIBUTES].map((a) => a.name);
export const ENTERPRISE_ATTRIBUTE_NAMES = ENTERPRISE_ATTRIBUTES.map((a) => a.name);
export const GROUP_ATTRIBUTE_NAMES = [...COMMON, ...GROUP_ATTRIBUTES].map((a) => a.name);
export const BOOLEAN_SUBATTRIBUTES = ['primary'];
