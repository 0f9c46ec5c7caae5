import { ArrowLeftOutlined, EditOutlined, KeyOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Switch, Table, Tabs } from 'antd';
import { useState } from 'react';
import type { JoinedGroup } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { formatTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { LockedButton } from '../../components/LockedButton';
import { LockedDeleteButton } from '../../components/LockedDeleteButton';
import { NotEmulated } from '../../components/NotEmulated';
import { OnceSecretModal } from '../../components/OnceSecretModal';
import { PageHeader } from '../../components/PageHeader';
import { DriftTag, LockTag, SourceTag, StatusTag } from '../../components/Tags';
import { useDetail } from '../../components/useDetail';
import { RouteLink } from '../../components/RouteLink';
import { useT } from '../../i18n';
import { useTopicVersion } from '../../store/live-topics';
import { navigate } from '../../store/route';
import { UserFormModal } from './UserFormModal';
import { CopyableText } from '../../components/CopyableText';

export function UserDetailPage({ userId }: { userId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const version = useTopicVersion('directory') + useTopicVersion('settings');
  const user = useDetail(() => adminCall('users.get', { UserId: userId }), userId, version);
  const groups = useDetail(() => adminCall('users.groups', { UserId: userId }), userId, version);
  const [editing, setEditing] = useState(false);
  const [statusBusy, setStatusBusy] = useState(false);
  const [password, setPassword] = useState<string | null>(null);

  const back = <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'users' })} aria-label={t('common.back')} />;

  if (user.notFound) {
    return <Result status="404" title={t('users.notFound')} extra={<Button onClick={() => navigate({ page: 'users' })}>{t('nav.users')}</Button>} />;
  }
  const current = user.value;
  if (!current) return <><LoadError error={user.error} /><Skeleton active /></>;

  const setStatus = async (enabled: boolean) => {
    setStatusBusy(true);
    try {
      const updated = await adminCall('users.setStatus', { UserId: current.UserId, Status: enabled ? 'Enabled' : 'Disabled' });
      user.set(updated);
      message.success(t(enabled ? 'users.status.enabledMessage' : 'users.status.disabledMessage', { name: updated.UserName }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setStatusBusy(false);
    }
  };

  const resetPassword = async () => {
    try {
      const result = await adminCall('users.resetPassword', { UserId: current.UserId });
      setPassword(result.Password);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const remove = async () => {
    try {
      await adminCall('users.delete', { UserId: current.UserId });
      message.success(t('users.deleted', { name: current.UserName }));
      navigate({ page: 'users' });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const details = (
    <Card
      className="section-card"
      title={t('users.tab.details')}
      extra={
        <Space wrap>
          <LockedButton lock={current} icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('users.edit')}</LockedButton>
          {/* Password reset and the Status switch stay available on synchronized users (CloudSSO's rule, enforced by the core). */}
          <Popconfirm title={t('users.resetPassword.confirm', { name: current.UserName })} okText={t('users.resetPassword')} cancelText={t('common.cancel')} onConfirm={resetPassword}>
            <Button icon={<KeyOutlined />}>{t('users.resetPassword')}</Button>
          </Popconfirm>
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="middle" bordered>
        <Descriptions.Item label={t('users.userName')}><CopyableText text={current.UserName} label={`${t('common.copy')} ${t('users.userName')}`} /></Descriptions.Item>
        <Descriptions.Item label={t('users.userId')}><CopyableText text={current.UserId} label={`${t('common.copy')} ${t('users.userId')}`} mono /></Descriptions.Item>
        <Descriptions.Item label={t('users.displayName')}>{current.DisplayName ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('users.email')}><span className="selectable">{current.Email ?? t('common.none')}</span></Descriptions.Item>
        <Descriptions.Item label={t('users.firstName')}>{current.FirstName ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('users.lastName')}>{current.LastName ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('users.status.switch')}>
          <Space>
            <Switch checked={current.Status === 'Enabled'} loading={statusBusy} onChange={setStatus} aria-label={t('users.status.switch')} />
            <StatusTag status={current.Status} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('source.column')}><Space size={4} wrap><SourceTag type={current.ProvisionType} /><LockTag lock={current} /><DriftTag drift={current.Drift} /></Space></Descriptions.Item>
        <Descriptions.Item label={t('users.externalId')}><span className="selectable mono">{current.ExternalId?.Id ?? t('common.none')}</span></Descriptions.Item>
        <Descriptions.Item label={t('common.createTime')}>{formatTime(current.CreateTime)}</Descriptions.Item>
        <Descriptions.Item label={t('common.updateTime')}>{formatTime(current.UpdateTime)}</Descriptions.Item>
        <Descriptions.Item label={t('common.description')} span={2}>{current.Description ?? t('common.none')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );

  const joinedGroups = (
    <Table<JoinedGroup>
      rowKey="GroupId"
      size="middle"
      loading={groups.value === null && !groups.error}
      dataSource={groups.value ?? []}
      locale={{ emptyText: t('users.joinedGroups.empty') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('groups.groupName'), dataIndex: 'GroupName', render: (name: string, g) => <RouteLink to={{ page: 'group', groupId: g.GroupId }}>{name}</RouteLink> },
        { title: t('groups.groupId'), dataIndex: 'GroupId', render: (id: string) => <span className="selectable mono">{id}</span> },
        { title: t('users.joinTime'), dataIndex: 'JoinTime', render: (value: string) => formatTime(value) },
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title={<Space>{back}<span className="selectable">{current.UserName}</span><StatusTag status={current.Status} /><SourceTag type={current.ProvisionType} /><LockTag lock={current} /></Space>}
        extra={<LockedDeleteButton lock={current} confirmTitle={t('users.confirmDelete', { name: current.UserName })} confirmDescription={t('users.deletePrecondition')} onConfirm={remove} />}
      />
      <LoadError error={user.error ?? groups.error} />
      <Tabs
        items={[
          { key: 'details', label: t('users.tab.details'), children: details },
          { key: 'groups', label: t('users.tab.groups'), children: joinedGroups },
          { key: 'access', label: t('users.tab.access'), children: <NotEmulated feature={t('users.tab.access')} /> },
          { key: 'ram', label: t('users.tab.ram'), children: <NotEmulated feature={t('users.tab.ram')} /> },
        ]}
      />
      <UserFormModal open={editing} user={current} onClose={() => setEditing(false)} onSaved={(saved) => { setEditing(false); user.set(saved); }} />
      <OnceSecretModal
        open={password !== null}
        title={t('users.resetPassword.title')}
        warning={t('users.resetPassword.body')}
        secretLabel={t('users.resetPassword')}
        secret={password ?? ''}
        onClose={() => setPassword(null)}
      />
    </>
  );
}
