import type { Group, User } from '../../src-main/admin/contract';
import { adminCall } from '../api/admin-client';
import { toGroupListQuery, toUserListQuery, type GroupSortField, type UserSortField } from './list-query';
import { createPagedListStore } from './paged-list-store';

export const useUsersStore = createPagedListStore<User, UserSortField, ReturnType<typeof toUserListQuery>>(
  (query) => adminCall('users.list', query),
  toUserListQuery,
);

export const useGroupsStore = createPagedListStore<Group, GroupSortField, ReturnType<typeof toGroupListQuery>>(
  (query) => adminCall('groups.list', query),
  toGroupListQuery,
);
