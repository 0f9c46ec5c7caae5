import { Button, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../src-main/admin/contract';
import { formatDuration, formatTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useActivityStore } from '../../store/activity-store';
import { useTopicVersion } from '../../store/live-topics';
import { useSettingsStore } from '../../store/settings-store';
import { ActivityDetailDrawer } from './ActivityDetailDrawer';
import { HttpStatusTag } from './HttpStatusTag';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const SOURCES = ['SCIM', 'OpenAPI'] as const;
// The SCIM layer records the resource type of /Users and /Groups requests only.
const RESOURCE_TYPES = ['User', 'Group'];

export function ActivityPage() {
  const t = useT();
  const { filters, entries, hasOlder, loading, loadError, setFilters, loadNewest, loadOlder } = useActivityStore();
  const { credentials, loadCredentials } = useSettingsStore();
  const activityVersion = useTopicVersion('activity');
  const [live, setLive] = useState(true);
  const [openSeq, setOpenSeq] = useState<number | null>(null);

  // While live, every change event pulls the newest page; paused, the list holds still for reading, but a new
  // filter still loads its first page.
  const liveKey = live ? activityVersion : -1;
  useEffect(() => { void loadNewest(); }, [liveKey, filters, loadNewest]);
  useEffect(() => { if (credentials === null) void loadCredentials(); }, [credentials, loadCredentials]);

  const knownCredentials = new Set([...(credentials ?? []).map((c) => c.CredentialId), ...entries.flatMap((e) => (e.CredentialId ? [e.CredentialId] : []))]);

  return (
    <>
      <PageHeader
        title={t('activity.title')}
        subtitle={t('activity.subtitle')}
        extra={<Space><Typography.Text>{t('activity.live')}</Typography.Text><Switch checked={live} onChange={setLive} aria-label={t('activity.live')} /></Space>}
      />
      <LoadError error={loadError} />
      <div className="table-toolbar">
        <Space wrap>
          <Select
            style={{ width: 200 }}
            aria-label={t('activity.filter.status')}
            value={filters.StatusClass ?? 'all'}
            onChange={(value) => setFilters({ ...filters, StatusClass: value === 'all' ? undefined : (value as 'success' | 'error') })}
            options={[
              { value: 'all', label: `${t('activity.filter.status')}: ${t('common.all')}` },
              { value: 'success', label: t('activity.filter.success') },
              { value: 'error', label: t('activity.filter.error') },
            ]}
          />
          <Select
            style={{ width: 180 }}
            aria-label={t('activity.source')}
            value={filters.Source ?? 'all'}
            onChange={(value) => setFilters({ ...filters, Source: value === 'all' ? undefined : (value as (typeof SOURCES)[number]) })}
            options={[{ value: 'all', label: `${t('activity.source')}: ${t('common.all')}` }, ...SOURCES.map((s) => ({ value: s, label: t(`activity.source.${s}`) }))]}
          />
          <Select
            style={{ width: 160 }}
            aria-label={t('activity.method')}
            value={filters.Method ?? 'all'}
            onChange={(value) => setFilters({ ...filters, Method: value === 'all' ? undefined : value })}
            options={[{ value: 'all', label: `${t('activity.method')}: ${t('common.all')}` }, ...METHODS.map((m) => ({ value: m, label: m }))]}
          />
          <Select
            style={{ width: 220 }}
            aria-label={t('activity.resource')}
            value={filters.ResourceType ?? 'all'}
            onChange={(value) => setFilters({ ...filters, ResourceType: value === 'all' ? undefined : value })}
            options={[{ value: 'all', label: `${t('activity.resource')}: ${t('common.all')}` }, ...RESOURCE_TYPES.map((r) => ({ value: r, label: r }))]}
          />
          <Select
            style={{ width: 280 }}
            aria-label={t('activity.credential')}
            value={filters.CredentialId ?? 'all'}
            onChange={(value) => setFilters({ ...filters, CredentialId: value === 'all' ? undefined : value })}
            options={[{ value: 'all', label: `${t('activity.credential')}: ${t('common.all')}` }, ...[...knownCredentials].map((id) => ({ value: id, label: id }))]}
          />
        </Space>
      </div>
      <Table<ActivityEntry>
        rowKey="Seq"
        size="small"
        loading={loading && entries.length === 0}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: t('activity.empty') }}
        onRow={(entry) => ({
          onClick: () => setOpenSeq(entry.Seq),
          onKeyDown: (event) => { if (event.key === 'Enter') setOpenSeq(entry.Seq); },
          tabIndex: 0,
          className: 'clickable-row',
          'data-testid': 'activity-row',
        }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', dataIndex: 'Seq', width: 70 },
          { title: t('activity.time'), dataIndex: 'Time', width: 160, render: (value: string) => formatTime(value) },
          { title: t('activity.method'), dataIndex: 'Method', width: 90, render: (value: string) => <Tag className="mono">{value}</Tag> },
          { title: t('activity.path'), dataIndex: 'Path', ellipsis: { showTitle: true }, render: (value: string) => <span className="mono">{value}</span> },
          { title: t('activity.httpStatus'), dataIndex: 'Status', width: 120, render: (status: number, entry) => <Space size={2}><HttpStatusTag status={status} />{entry.Injected ? <Tag color="magenta">{t('activity.injected')}</Tag> : null}</Space> },
          { title: t('activity.outcome'), dataIndex: 'Outcome', ellipsis: { showTitle: true } },
          { title: t('activity.duration'), dataIndex: 'DurationMs', width: 100, render: (value: number) => formatDuration(value) },
          { title: t('activity.credential'), dataIndex: 'CredentialId', width: 150, ellipsis: { showTitle: true }, render: (value: string | null) => <span className="mono small">{value ?? t('common.none')}</span> },
          { title: t('activity.source'), dataIndex: 'Source', width: 100, render: (value: ActivityEntry['Source']) => <Tag color={value === 'OpenAPI' ? 'geekblue' : undefined}>{t(`activity.source.${value}`)}</Tag> },
        ]}
      />
      <div className="load-older">
        {entries.length > 0 ? (hasOlder ? <Button onClick={() => void loadOlder()} loading={loading}>{t('activity.loadOlder')}</Button> : <Typography.Text type="secondary">{t('activity.noOlder')}</Typography.Text>) : null}
      </div>
      <ActivityDetailDrawer seq={openSeq} onClose={() => setOpenSeq(null)} />
    </>
  );
}
