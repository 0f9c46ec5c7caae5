import { ArrowLeftOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Input, Popconfirm, Result, Skeleton, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import type { Group, GroupMember } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { formatTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { LockedButton } from '../../components/LockedButton';
import { LockedDeleteButton } from '../../components/LockedDeleteButton';
import { NotEmulated } from '../../components/NotEmulated';
import { PageHeader } from '../../components/PageHeader';
import { DriftTag, LockTag, SourceTag } from '../../components/Tags';
import { useDetail } from '../../components/useDetail';
import { RouteLink } from '../../components/RouteLink';
import { useT } from '../../i18n';
import { useTopicVersion } from '../../store/live-topics';
import { navigate } from '../../store/route';
import { AddMembersModal } from './AddMembersModal';
import { GroupFormModal } from './GroupFormModal';
import { CopyableText } from '../../components/CopyableText';

const MEMBERS_PAGE_SIZE = 20;

export function GroupDetailPage({ groupId }: { groupId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const version = useTopicVersion('directory') + useTopicVersion('settings');
  const [memberPage, setMemberPage] = useState(1);
  const [memberText, setMemberText] = useState('');
  const group = useDetail(() => adminCall('groups.get', { GroupId: groupId }), groupId, version);
  const members = useDetail(
    () => adminCall('groups.members', { GroupId: groupId, Text: memberText || undefined, Offset: (memberPage - 1) * MEMBERS_PAGE_SIZE, Limit: MEMBERS_PAGE_SIZE }),
    `${groupId}|${memberText}|${memberPage}`,
    version,
  );
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);

  if (group.notFound) {
    return <Result status="404" title={t('groups.notFound')} extra={<Button onClick={() => navigate({ page: 'groups' })}>{t('nav.groups')}</Button>} />;
  }
  const current = group.value;
  if (!current) return <><LoadError error={group.error} /><Skeleton active /></>;

  const afterChange = (updated: Group) => {
    group.set(updated);
    members.reload();
  };

  const removeMember = async (member: GroupMember) => {
    try {
      afterChange(await adminCall('groups.removeMember', { GroupId: current.GroupId, UserId: member.UserId }));
      message.success(t('groups.removeMember.done', { user: member.UserName, group: current.GroupName }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const remove = async () => {
    try {
      await adminCall('groups.delete', { GroupId: current.GroupId });
      message.success(t('groups.deleted', { name: current.GroupName }));
      navigate({ page: 'groups' });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const details = (
    <Card className="section-card" title={t('groups.tab.details')} extra={<LockedButton lock={current} icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('groups.edit')}</LockedButton>}>
      <Descriptions column={{ xs: 1, md: 2 }} size="middle" bordered>
        <Descriptions.Item label={t('groups.groupName')}><CopyableText text={current.GroupName} label={`${t('common.copy')} ${t('groups.groupName')}`} /></Descriptions.Item>
        <Descriptions.Item label={t('groups.groupId')}><CopyableText text={current.GroupId} label={`${t('common.copy')} ${t('groups.groupId')}`} mono /></Descriptions.Item>
        <Descriptions.Item label={t('source.column')}><Space size={4} wrap><SourceTag type={current.ProvisionType} /><LockTag lock={current} /><DriftTag drift={current.Drift} /></Space></Descriptions.Item>
        <Descriptions.Item label={t('groups.memberCount')}>{current.MemberCount}</Descriptions.Item>
        <Descriptions.Item label={t('users.externalId')}><span className="selectable mono">{current.ExternalId?.Id ?? t('common.none')}</span></Descriptions.Item>
        <Descriptions.Item label={t('common.createTime')}>{formatTime(current.CreateTime)}</Descriptions.Item>
        <Descriptions.Item label={t('common.updateTime')}>{formatTime(current.UpdateTime)}</Descriptions.Item>
        <Descriptions.Item label={t('common.description')} span={2}>{current.Description ?? t('common.none')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );

  const users = (
    <>
      <div className="table-toolbar">
        <Space wrap>
          <LockedButton lock={current} type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>{t('groups.addUsers')}</LockedButton>
          <Input.Search allowClear placeholder={t('users.search.placeholder')} aria-label={t('users.search.placeholder')} style={{ width: 280 }} onSearch={(text) => { setMemberText(text.trim()); setMemberPage(1); }} />
        </Space>
      </div>
      <Table<GroupMember>
        rowKey="UserId"
        size="middle"
        loading={members.value === null && !members.error}
        dataSource={members.value?.Items ?? []}
        locale={{ emptyText: t('groups.members.empty') }}
        pagination={{ current: memberPage, pageSize: MEMBERS_PAGE_SIZE, total: members.value?.TotalCount ?? 0, onChange: setMemberPage, showTotal: (total) => t('common.total', { count: total }), hideOnSinglePage: true }}
        columns={[
          { title: t('users.userName'), dataIndex: 'UserName', render: (name: string, m) => <RouteLink to={{ page: 'user', userId: m.UserId }}>{name}</RouteLink> },
          { title: t('users.displayName'), dataIndex: 'DisplayName', render: (value: string | null) => value ?? t('common.none') },
          { title: t('users.userId'), dataIndex: 'UserId', render: (id: string) => <span className="selectable mono">{id}</span> },
          { title: t('users.joinTime'), dataIndex: 'JoinTime', render: (value: string) => formatTime(value) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, member) =>
              current.Locked ? (
                <LockedButton lock={current} type="link" danger>{t('common.remove')}</LockedButton>
              ) : (
                <Popconfirm title={t('groups.removeMember.confirm', { user: member.UserName, group: current.GroupName })} okText={t('common.remove')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => removeMember(member)}>
                  <Button type="link" danger>{t('common.remove')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'groups' })} aria-label={t('common.back')} /><span className="selectable">{current.GroupName}</span><SourceTag type={current.ProvisionType} /><LockTag lock={current} /></Space>}
        extra={<LockedDeleteButton lock={current} confirmTitle={t('groups.confirmDelete', { name: current.GroupName })} confirmDescription={t('groups.deletePrecondition')} onConfirm={remove} />}
      />
      <LoadError error={group.error ?? members.error} />
      <Tabs
        items={[
          { key: 'details', label: t('groups.tab.details'), children: details },
          { key: 'users', label: t('groups.tab.users'), children: users },
          { key: 'access', label: t('users.tab.access'), children: <NotEmulated feature={t('users.tab.access')} /> },
          { key: 'ram', label: t('users.tab.ram'), children: <NotEmulated feature={t('users.tab.ram')} /> },
        ]}
      />
      <GroupFormModal open={editing} group={current} onClose={() => setEditing(false)} onSaved={(saved) => { setEditing(false); group.set(saved); }} />
      <AddMembersModal open={adding} group={current} onClose={() => setAdding(false)} onAdded={(updated) => { setAdding(false); afterChange(updated); }} />
    </>
  );
}
