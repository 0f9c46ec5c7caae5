import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Status, User } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { formatTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { LockedButton } from '../../components/LockedButton';
import { NameSearch } from '../../components/NameSearch';
import { PageHeader } from '../../components/PageHeader';
import { DriftTag, LockTag, SourceTag, StatusTag } from '../../components/Tags';
import { RouteLink } from '../../components/RouteLink';
import { useT } from '../../i18n';
import { SourceFilter } from '../../components/SourceFilter';
import { usePagedTable } from '../../components/usePagedTable';
import { useUsersStore } from '../../store/directory-stores';
import type { UserSortField } from '../../store/list-query';
import { useTopicVersion } from '../../store/live-topics';
import { navigate } from '../../store/route';
import { UserFormModal } from './UserFormModal';

export function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const { view, page, loading, loadError, setView, load } = useUsersStore();
  const { sortOrderOf, pagination, onChange } = usePagedTable<User, UserSortField>({ view, page, setView });
  const directoryVersion = useTopicVersion('directory') + useTopicVersion('settings');
  const [creating, setCreating] = useState(false);

  // One page at a time from the core (SQL paging): smooth at 100,000 users.
  useEffect(() => { void load(); }, [load, view, directoryVersion]);

  const remove = async (user: User) => {
    try {
      await adminCall('users.delete', { UserId: user.UserId });
      message.success(t('users.deleted', { name: user.UserName }));
      void load();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };


  return (
    <>
      <PageHeader title={t('users.title')} />
      <LoadError error={loadError} />
      <div className="table-toolbar">
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('users.create')}</Button>
          <NameSearch
            mode={view.searchMode}
            text={view.searchText}
            placeholder={t('users.search.placeholder')}
            modeLabels={{ text: t('users.search.text'), eq: t('users.search.eq'), sw: t('users.search.sw') }}
            onSearch={(searchMode, searchText) => setView({ searchMode, searchText })}
          />
          <SourceFilter value={view.provisionType} onChange={(provisionType) => setView({ provisionType })} />
          <Select<Status | 'all'>
            value={view.status ?? 'all'}
            style={{ width: 150 }}
            aria-label={t('users.filter.status')}
            onChange={(value) => setView({ status: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: `${t('users.filter.status')}: ${t('common.all')}` },
              { value: 'Enabled', label: t('common.enabled') },
              { value: 'Disabled', label: t('common.disabled') },
            ]}
          />
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      <Table<User>
        rowKey="UserId"
        size="middle"
        loading={loading && !page}
        dataSource={page?.Items ?? []}
        locale={{ emptyText: t('users.empty') }}
        pagination={pagination}
        onChange={onChange}
        columns={[
          {
            title: t('users.userName'),
            dataIndex: 'UserName',
            sorter: true,
            sortOrder: sortOrderOf('UserName'),
            render: (_: unknown, user) => (
              <div className="user-name-cell">
                <RouteLink to={{ page: 'user', userId: user.UserId }} className="user-name-link" title={user.UserName}>{user.UserName}</RouteLink>
                <div><Typography.Text type="secondary" className="selectable mono small">{user.UserId}</Typography.Text></div>
              </div>
            ),
          },
          { title: t('users.displayName'), dataIndex: 'DisplayName', sorter: true, sortOrder: sortOrderOf('DisplayName'), render: (value: string | null) => value ?? t('common.none') },
          { title: t('users.email'), dataIndex: 'Email', render: (value: string | null) => (value ? <span className="selectable">{value}</span> : t('common.none')) },
          {
            title: t('source.column'),
            dataIndex: 'ProvisionType',
            render: (_: unknown, user) => (
              <Space size={4} wrap><SourceTag type={user.ProvisionType} /><LockTag lock={user} /><DriftTag drift={user.Drift} /></Space>
            ),
          },
          { title: t('common.status'), dataIndex: 'Status', render: (_: unknown, user) => <StatusTag status={user.Status} /> },
          { title: t('common.createTime'), dataIndex: 'CreateTime', sorter: true, sortOrder: sortOrderOf('CreateTime'), render: (value: string) => formatTime(value) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, user) => (
              <Space size={0}>
                <Button type="link" onClick={() => navigate({ page: 'user', userId: user.UserId })}>{t('users.tab.details')}</Button>
                {user.Locked ? (
                  <LockedButton lock={user} type="link" danger>{t('common.delete')}</LockedButton>
                ) : (
                  <Popconfirm
                    title={t('users.confirmDelete', { name: user.UserName })}
                    description={t('users.deletePrecondition')}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(user)}
                  >
                    <Button type="link" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(user) => { setCreating(false); void load(); navigate({ page: 'user', userId: user.UserId }); }}
      />
    </>
  );
}
