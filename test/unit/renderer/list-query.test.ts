import { describe, expect, it } from 'vitest';
import { clampPage, toGroupListQuery, toUserListQuery, type ListView, type UserSortField } from '../../../src-renderer/store/list-query';

const base: ListView<UserSortField> = { searchMode: 'text', searchText: '', page: 1, pageSize: 20 };

describe('turning the Users toolbar into a ListUsers query', () => {
  it('asks the core for one page only', () => {
    expect(toUserListQuery({ ...base, page: 3, pageSize: 50 })).toEqual({ Offset: 100, Limit: 50 });
  });

  it('maps the three search modes to CloudSSO eq, starts-with and free text', () => {
    expect(toUserListQuery({ ...base, searchMode: 'eq', searchText: ' alice@example.com ' })).toMatchObject({ UserNameEq: 'alice@example.com' });
    expect(toUserListQuery({ ...base, searchMode: 'sw', searchText: 'ali' })).toMatchObject({ UserNamePrefix: 'ali' });
    expect(toUserListQuery({ ...base, searchMode: 'text', searchText: 'Zhang' })).toMatchObject({ Text: 'Zhang' });
    expect(toUserListQuery({ ...base, searchMode: 'eq', searchText: '   ' })).not.toHaveProperty('UserNameEq');
  });

  it('carries the Source and Status filters and the sort', () => {
    const query = toUserListQuery({ ...base, provisionType: 'Synchronized', status: 'Disabled', sortBy: 'CreateTime', sortOrder: 'desc' });
    expect(query).toMatchObject({ ProvisionType: 'Synchronized', Status: 'Disabled', SortBy: 'CreateTime', SortOrder: 'desc' });
  });

  it('does the same for groups', () => {
    expect(toGroupListQuery({ ...base, searchMode: 'sw', searchText: 'eng', provisionType: 'Manual' } as never)).toEqual({ Offset: 0, Limit: 20, GroupNamePrefix: 'eng', ProvisionType: 'Manual' });
  });
});

describe('staying on a page that exists', () => {
  it('steps back to the last page when rows disappear', () => {
    expect(clampPage(5, 20, 81)).toBe(5);
    expect(clampPage(5, 20, 80)).toBe(4);
    expect(clampPage(3, 20, 0)).toBe(1);
  });
});
