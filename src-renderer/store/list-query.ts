// Turning what the admin typed into the core's list queries. Paging always happens in the core (SQL):
// the console asks for one page (Offset/Limit) and never holds the whole directory.
import type { GroupListQuery, ProvisionType, SortOrder, Status, UserListQuery } from '../../src-main/admin/contract';

/** CloudSSO's ListUsers filter offers `eq` and starts-with on the name; free text is the emulator's extra. */
export type NameSearchMode = 'text' | 'eq' | 'sw';

export interface ListView<SortField extends string> {
  searchMode: NameSearchMode;
  searchText: string;
  provisionType?: ProvisionType;
  status?: Status;
  sortBy?: SortField;
  sortOrder?: SortOrder;
  /** 1-based, as antd's pagination counts. */
  page: number;
  pageSize: number;
}

export type UserSortField = NonNullable<UserListQuery['SortBy']>;
export type GroupSortField = NonNullable<GroupListQuery['SortBy']>;

export const DEFAULT_PAGE_SIZE = 20;

export function pageWindow(page: number, pageSize: number): { Offset: number; Limit: number } {
  const safePage = Math.max(1, Math.floor(page));
  return { Offset: (safePage - 1) * pageSize, Limit: pageSize };
}

export function toUserListQuery(view: ListView<UserSortField>): UserListQuery {
  const text = view.searchText.trim();
  const query: UserListQuery = { ...pageWindow(view.page, view.pageSize) };
  if (text) {
    if (view.searchMode === 'eq') query.UserNameEq = text;
    else if (view.searchMode === 'sw') query.UserNamePrefix = text;
    else query.Text = text;
  }
  if (view.provisionType) query.ProvisionType = view.provisionType;
  if (view.status) query.Status = view.status;
  if (view.sortBy) {
    query.SortBy = view.sortBy;
    query.SortOrder = view.sortOrder ?? 'asc';
  }
  return query;
}

export function toGroupListQuery(view: ListView<GroupSortField>): GroupListQuery {
  const text = view.searchText.trim();
  const query: GroupListQuery = { ...pageWindow(view.page, view.pageSize) };
  if (text) {
    if (view.searchMode === 'eq') query.GroupNameEq = text;
    else if (view.searchMode === 'sw') query.GroupNamePrefix = text;
    else query.Text = text;
  }
  if (view.provisionType) query.ProvisionType = view.provisionType;
  if (view.sortBy) {
    query.SortBy = view.sortBy;
    query.SortOrder = view.sortOrder ?? 'asc';
  }
  return query;
}

/** After a deletion or a new filter, a page past the end would show nothing: step back to the last page. */
export function clampPage(page: number, pageSize: number, totalCount: number): number {
  const lastPage = Math.max(1, Math.ceil(totalCount / pageSize));
  return Math.min(Math.max(1, page), lastPage);
}
