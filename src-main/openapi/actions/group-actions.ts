import { isCoreError } from '../../core/errors';
import type { Group, GroupFields, User } from '../../core/types';
import { ApiError } from '../api-error';
import { pageAnswer, pageRequest, parseNameFilter } from '../paging';
import { groupView, memberView } from '../views';
import { requireDirectory, requireGroup, requireUser, type ActionCall, type ActionSpec } from './action';

const groupId = (call: ActionCall): string => {
  const id = call.params.required('GroupId');
  call.touched.push(id);
  return id;
};

/** AddUserToGroup and RemoveUserFromGroup name an existing group and user of the directory. */
function membershipOf(call: ActionCall): { group: Group; user: User } {
  requireDirectory(call);
  const group = requireGroup(call, groupId(call));
  const user = requireUser(call, call.params.required('UserId'));
  call.touched.push(user.UserId);
  return { group, user };
}

export const GROUP_ACTIONS: Record<string, ActionSpec> = {
  CreateGroup: {
    entity: 'Group',
    run: (call) => {
      requireDirectory(call);
      const group = call.tenant.groups.create({ GroupName: call.params.required('GroupName'), Description: call.params.optional('Description') });
      call.touched.push(group.GroupId);
      return { Group: groupView(group) };
    },
  },
  GetGroup: {
    entity: 'Group',
    run: (call) => (requireDirectory(call), { Group: groupView(call.tenant.groups.get(groupId(call))) }),
  },
  ListGroups: {
    entity: 'Group',
    run: (call) => {
      requireDirectory(call);
      const page = pageRequest(call.params);
      const name = parseNameFilter(call.params, 'GroupName');
      const result = call.tenant.groups.list({
        GroupNameEq: name.eq,
        GroupNamePrefix: name.prefix,
        ProvisionType: call.params.provisionType('ProvisionType'),
        SortBy: 'CreateTime',
        Offset: page.offset,
        Limit: page.limit,
      });
      return { ...pageAnswer(result, page), Groups: result.Items.map(groupView) };
    },
  },
  UpdateGroup: {
    entity: 'Group',
    run: (call) => {
      requireDirectory(call);
      const change: GroupFields = {};
      const name = call.params.optional('NewGroupName');
      const description = call.params.optional('NewDescription');
      if (name !== undefined && name !== '') change.GroupName = name;
      if (description !== undefined) change.Description = description;
      return { Group: groupView(call.tenant.groups.update(groupId(call), change)) };
    },
  },
  DeleteGroup: {
    entity: 'Group',
    run: (call) => (requireDirectory(call), call.tenant.groups.delete(groupId(call)), {}),
  },
  AddUserToGroup: {
    entity: 'Group',
    run: (call) => {
      const { group, user } = membershipOf(call);
      call.tenant.groups.addMembers(group.GroupId, [user.UserId]);
      return {};
    },
  },
  RemoveUserFromGroup: {
    entity: 'Group',
    run: (call) => {
      const { group, user } = membershipOf(call);
      try {
        call.tenant.groups.removeMember(group.GroupId, user.UserId);
      } catch (e) {
        if (isCoreError(e) && e.code === 'NotFound') throw new ApiError(404, 'EntityNotExists.GroupMember', `User ${user.UserId} is not a member of group ${group.GroupId}.`);
        throw e;
      }
      return {};
    },
  },
  ListGroupMembers: {
    entity: 'Group',
    run: (call) => {
      requireDirectory(call);
      const id = groupId(call);
      const page = pageRequest(call.params);
      const result = call.tenant.groups.members(id, { Offset: page.offset, Limit: page.limit });
      return { ...pageAnswer(result, page), GroupMembers: result.Items.map((m) => memberView(m, id)) };
    },
  },
};
