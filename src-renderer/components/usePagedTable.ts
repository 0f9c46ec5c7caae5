import type { TableProps } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useT } from '../i18n';
import type { PagedListState } from '../store/paged-list-store';

/** What the Users and Groups tables share: paging and sorting driven by the list store's view, so the core
 *  pages in SQL and the table only shows the page it got. */
export function usePagedTable<Item, SortField extends string>({ view, page, setView }: Pick<PagedListState<Item, SortField>, 'view' | 'page' | 'setView'>) {
  const t = useT();
  const sortOrderOf = (field: SortField): SortOrder => (view.sortBy === field ? (view.sortOrder === 'desc' ? 'descend' : 'ascend') : null);
  const pagination: TableProps<Item>['pagination'] = {
    current: view.page,
    pageSize: view.pageSize,
    total: page?.TotalCount ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total) => t('common.total', { count: total }),
  };
  const onChange: TableProps<Item>['onChange'] = (next, _filters, sorter) => {
    const single = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Item> | undefined;
    const field = single?.order ? (single.field as SortField) : undefined;
    const order = single?.order === 'descend' ? 'desc' : 'asc';
    if (field !== view.sortBy || (field && order !== view.sortOrder)) setView({ sortBy: field, sortOrder: order });
    else setView({ page: next.current ?? 1, pageSize: next.pageSize ?? view.pageSize });
  };
  return { sortOrderOf, pagination, onChange };
}
