import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Group } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { formatTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { LockedButton } from '../../components/LockedButton';
import { NameSearch } from '../../components/NameSearch';
import { PageHeader } from '../../components/PageHeader';
import { DriftTag, LockTag, SourceTag } from '../../components/Tags';
import { RouteLink } from '../../components/RouteLink';
import { useT } from '../../i18n';
import { SourceFilter } from '../../components/SourceFilter';
import { usePagedTable } from '../../components/usePagedTable';
import { useGroupsStore } from '../../store/directory-stores';
import type { GroupSortField } from '../../store/list-query';
import { useTopicVersion } from '../../store/live-topics';
import { navigate } from '../../store/route';
import { GroupFormModal } from './GroupFormModal';

export function GroupsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { view, page, loading, loadError, setView, load } = useGroupsStore();
  const { sortOrderOf, pagination, onChange } = usePagedTable<Group, GroupSortField>({ view, page, setView });
  const directoryVersion = useTopicVersion('directory') + useTopicVersion('settings');
  const [creating, setCreating] = useState(false);

  useEffect(() => { void load(); }, [load, view, directoryVersion]);

  const remove = async (group: Group) => {
    try {
      await adminCall('groups.delete', { GroupId: group.GroupId });
      message.success(t('groups.deleted', { name: group.GroupName }));
      void load();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };


  return (
    <>
      <PageHeader title={t('groups.title')} />
      <LoadError error={loadError} />
      <div className="table-toolbar">
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('groups.create')}</Button>
          <NameSearch
            mode={view.searchMode}
            text={view.searchText}
            placeholder={t('groups.search.placeholder')}
            modeLabels={{ text: t('groups.search.text'), eq: t('groups.search.eq'), sw: t('groups.search.sw') }}
            onSearch={(searchMode, searchText) => setView({ searchMode, searchText })}
          />
          <SourceFilter value={view.provisionType} onChange={(provisionType) => setView({ provisionType })} />
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      <Table<Group>
        rowKey="GroupId"
        size="middle"
        loading={loading && !page}
        dataSource={page?.Items ?? []}
        locale={{ emptyText: t('groups.empty') }}
        pagination={pagination}
        onChange={onChange}
        columns={[
          {
            title: t('groups.groupName'),
            dataIndex: 'GroupName',
            sorter: true,
            sortOrder: sortOrderOf('GroupName'),
            render: (_: unknown, group) => (
              <div>
                <RouteLink to={{ page: 'group', groupId: group.GroupId }}>{group.GroupName}</RouteLink>
                <div><Typography.Text type="secondary" className="selectable mono small">{group.GroupId}</Typography.Text></div>
              </div>
            ),
          },
          { title: t('common.description'), dataIndex: 'Description', ellipsis: true, render: (value: string | null) => value ?? t('common.none') },
          { title: t('groups.memberCount'), dataIndex: 'MemberCount', width: 100 },
          { title: t('source.column'), dataIndex: 'ProvisionType', width: 300, render: (_: unknown, group) => <Space size={4} wrap><SourceTag type={group.ProvisionType} /><LockTag lock={group} /><DriftTag drift={group.Drift} /></Space> },
          { title: t('common.createTime'), dataIndex: 'CreateTime', sorter: true, sortOrder: sortOrderOf('CreateTime'), render: (value: string) => formatTime(value) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, group) => (
              <Space size={0}>
                <Button type="link" onClick={() => navigate({ page: 'group', groupId: group.GroupId })}>{t('groups.tab.details')}</Button>
                {group.Locked ? (
                  <LockedButton lock={group} type="link" danger>{t('common.delete')}</LockedButton>
                ) : (
                  <Popconfirm title={t('groups.confirmDelete', { name: group.GroupName })} description={t('groups.deletePrecondition')} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(group)}>
                    <Button type="link" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <GroupFormModal open={creating} onClose={() => setCreating(false)} onSaved={(group) => { setCreating(false); void load(); navigate({ page: 'group', groupId: group.GroupId }); }} />
    </>
  );
}
