import { describe, expect, it } from 'vitest';
import type { Page } from '../../../src-main/admin/contract';
import { createPagedListStore } from '../../../src-renderer/store/paged-list-store';
import type { ListView } from '../../../src-renderer/store/list-query';

type Row = { id: number };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('the paged list store behind Users and Groups', () => {
  it('goes back to page 1 when the search or a filter changes, not when the page changes', () => {
    const store = createPagedListStore<Row, 'UserName', ListView<'UserName'>>(async () => ({ TotalCount: 0, Items: [] }), (view) => view);
    store.getState().setView({ page: 4 });
    expect(store.getState().view.page).toBe(4);
    store.getState().setView({ searchText: 'ali' });
    expect(store.getState().view.page).toBe(1);
    store.getState().setView({ page: 2 });
    store.getState().setView({ provisionType: 'Synchronized' });
    expect(store.getState().view.page).toBe(1);
  });

  it('never lets an older, slower answer overwrite a newer one', async () => {
    const answers: ReturnType<typeof deferred<Page<Row>>>[] = [];
    const store = createPagedListStore<Row, 'UserName', ListView<'UserName'>>(() => {
      const answer = deferred<Page<Row>>();
      answers.push(answer);
      return answer.promise;
    }, (view) => view);
    const first = store.getState().load();
    store.getState().setView({ searchText: 'b' });
    const second = store.getState().load();
    answers[1].resolve({ TotalCount: 1, Items: [{ id: 2 }] });
    await second;
    answers[0].resolve({ TotalCount: 1, Items: [{ id: 1 }] });
    await first;
    expect(store.getState().page?.Items).toEqual([{ id: 2 }]);
  });

  it('shows the last page instead of an empty one after rows were deleted elsewhere', async () => {
    const asked: number[] = [];
    const store = createPagedListStore<Row, 'UserName', ListView<'UserName'>>(async (view) => {
      asked.push(view.page);
      return view.page === 3 ? { TotalCount: 40, Items: [] } : { TotalCount: 40, Items: [{ id: view.page }] };
    }, (view) => view);
    store.getState().setView({ page: 3 });
    await store.getState().load();
    expect(asked).toEqual([3, 2]);
    expect(store.getState().view.page).toBe(2);
    expect(store.getState().page?.Items).toEqual([{ id: 2 }]);
  });

  it('keeps the core message when a page cannot be loaded', async () => {
    const store = createPagedListStore<Row, 'UserName', ListView<'UserName'>>(async () => { throw new Error('The tenant file is locked by another process.'); }, (view) => view);
    await store.getState().load();
    expect(store.getState().loadError).toBe('The tenant file is locked by another process.');
    expect(store.getState().loading).toBe(false);
  });
});
