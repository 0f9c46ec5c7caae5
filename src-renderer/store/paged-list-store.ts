// One store shape for the Users and Groups tables: the view (search, filters, sort, page) and the page the
// core returned for it. Responses that arrive after a newer request are dropped, so fast typing or a burst
// of live updates can never leave the table showing an older query's rows.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Page } from '../../src-main/admin/contract';
import { errorMessage } from '../api/admin-client';
import { clampPage, DEFAULT_PAGE_SIZE, type ListView } from './list-query';

export interface PagedListState<Item, SortField extends string> {
  view: ListView<SortField>;
  page: Page<Item> | null;
  loading: boolean;
  loadError: string | null;
  /** Changes the view; any change but the page number itself goes back to page 1. */
  setView(change: Partial<ListView<SortField>>): void;
  load(): Promise<void>;
}

export function createPagedListStore<Item, SortField extends string, Query>(
  fetchPage: (query: Query) => Promise<Page<Item>>,
  toQuery: (view: ListView<SortField>) => Query,
): UseBoundStore<StoreApi<PagedListState<Item, SortField>>> {
  let latestRequest = 0;
  return create<PagedListState<Item, SortField>>((set, get) => ({
    view: { searchMode: 'text', searchText: '', page: 1, pageSize: DEFAULT_PAGE_SIZE },
    page: null,
    loading: false,
    loadError: null,
    setView(change) {
      const resetsPage = Object.keys(change).some((key) => key !== 'page' && key !== 'pageSize');
      const next = { ...get().view, ...change };
      if (resetsPage || change.pageSize !== undefined) next.page = change.page ?? 1;
      set({ view: next });
    },
    async load() {
      const request = ++latestRequest;
      set({ loading: true });
      try {
        const page = await fetchPage(toQuery(get().view));
        if (request !== latestRequest) return;
        const view = get().view;
        const fitting = clampPage(view.page, view.pageSize, page.TotalCount);
        if (fitting !== view.page && page.Items.length === 0 && page.TotalCount > 0) {
          // The page we were on no longer exists (rows deleted): show the last one instead.
          set({ view: { ...view, page: fitting } });
          return get().load();
        }
        set({ page, loading: false, loadError: null });
      } catch (error) {
        if (request !== latestRequest) return;
        set({ loading: false, loadError: errorMessage(error) });
      }
    },
  }));
}
