import { generatePassword, hashPassword } from '../../core/directory/password';
import { checkPassword } from '../../core/settings/password-policy';
import type { UserFields } from '../../core/types';
import { entityNotExists, invalidParameter } from '../api-error';
import { pageAnswer, pageRequest, parseNameFilter } from '../paging';
import { joinedGroupView, userView } from '../views';
import { requireDirectory, requireUser, type ActionCall, type ActionSpec } from './action';

/** UpdateUser's New* parameters, as the core's fields. An empty value clears the field. */
const NEW_FIELDS = { NewFirstName: 'FirstName', NewLastName: 'LastName', NewDisplayName: 'DisplayName', NewEmail: 'Email', NewDescription: 'Description' } as const;

const userId = (call: ActionCall): string => {
  const id = call.params.required('UserId');
  call.touched.push(id);
  return id;
};

/** Tags are not kept by the emulator: refused rather than dropped, so no caller believes they were stored. */
function refuseTags(call: ActionCall): void {
  if (call.params.has('Tags') || call.params.has('Tags.1.Key')) throw invalidParameter('Tags', 'user tags are not emulated by CloudSSO Local.');
}

export const USER_ACTIONS: Record<string, ActionSpec> = {
  CreateUser: {
    entity: 'User',
    run: (call) => {
      requireDirectory(call);
      refuseTags(call);
      const p = call.params;
      const user = call.tenant.users.create({
        UserName: p.required('UserName'),
        FirstName: p.optional('FirstName'),
        LastName: p.optional('LastName'),
        DisplayName: p.optional('DisplayName'),
        Email: p.optional('Email'),
        Description: p.optional('Description'),
        Status: p.status('Status'),
      });
      call.touched.push(user.UserId);
      return { User: userView(user, false) };
    },
  },
  GetUser: {
    entity: 'User',
    run: (call) => (requireDirectory(call), { User: userView(call.tenant.users.get(userId(call))) }),
  },
  GetUserId: {
    entity: 'User',
    run: (call) => {
      requireDirectory(call);
      const raw = call.params.required('ExternalId');
      let external: { Id?: unknown; Issuer?: unknown };
      try {
        external = JSON.parse(raw) as { Id?: unknown; Issuer?: unknown };
      } catch {
        throw invalidParameter('ExternalId', 'expected a JSON object {"Id": "...", "Issuer": "SCIM"}.');
      }
      if (typeof external?.Id !== 'string' || external.Id === '') throw invalidParameter('ExternalId', 'Id is required.');
      if (external.Issuer !== undefined && external.Issuer !== 'SCIM') throw invalidParameter('ExternalId', 'Issuer must be SCIM (only SCIM synchronization is supported).');
      const user = call.tenant.users.findByExternalId(external.Id);
      if (!user) throw entityNotExists('User', `with ExternalId ${external.Id}`);
      call.touched.push(user.UserId);
      return { UserId: user.UserId };
    },
  },
  ListUsers: {
    entity: 'User',
    run: (call) => {
      requireDirectory(call);
      refuseTags(call);
      const page = pageRequest(call.params);
      const name = parseNameFilter(call.params, 'UserName');
      const result = call.tenant.users.list({
        UserNameEq: name.eq,
        UserNamePrefix: name.prefix,
        ProvisionType: call.params.provisionType('ProvisionType'),
        Status: call.params.status('Status'),
        SortBy: 'CreateTime',
        Offset: page.offset,
        Limit: page.limit,
      });
      return { ...pageAnswer(result, page), Users: result.Items.map((u) => userView(u)) };
    },
  },
  UpdateUser: {
    entity: 'User',
    run: (call) => {
      requireDirectory(call);
      const id = userId(call);
      const change: UserFields = {};
      for (const [param, field] of Object.entries(NEW_FIELDS)) {
        const v = call.params.optional(param);
        if (v !== undefined) change[field] = v;
      }
      return { User: userView(call.tenant.users.update(id, change), false) };
    },
  },
  UpdateUserStatus: {
    entity: 'User',
    run: (call) => (requireDirectory(call), call.tenant.users.setStatus(userId(call), call.params.requiredStatus('NewStatus')), {}),
  },
  DeleteUser: {
    entity: 'User',
    run: (call) => (requireDirectory(call), call.tenant.users.delete(userId(call)), {}),
  },
  ResetUserPassword: {
    entity: 'User',
    run: async (call) => {
      requireDirectory(call);
      const user = requireUser(call, userId(call));
      const generate = call.params.bool('GenerateRandomPassword') ?? false;
      // RequirePasswordResetForNextLogin is accepted and not kept: nobody signs in to the emulator [chosen].
      call.params.bool('RequirePasswordResetForNextLogin');
      const password = generate ? generatePassword() : checkPassword(call.params.optional('Password'), call.tenant.passwordPolicy.get(), user.UserName);
      call.tenant.users.setPasswordHash(user.UserId, await hashPassword(password));
      return generate ? { NewPassword: password } : {};
    },
  },
  ListJoinedGroupsForUser: {
    entity: 'User',
    run: (call) => {
      requireDirectory(call);
      const id = requireUser(call, userId(call)).UserId;
      const page = pageRequest(call.params);
      const result = call.tenant.groups.joinedGroups(id, { Offset: page.offset, Limit: page.limit });
      return { ...pageAnswer(result, page), JoinedGroups: result.Items.map((g) => joinedGroupView(g, id)) };
    },
  },
};
