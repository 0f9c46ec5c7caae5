import { Button, Card, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../src-main/admin/contract';
import { adminCall, errorMessage } from '../api/admin-client';
import { formatDuration, formatTime } from '../components/format';
import { LoadError } from '../components/LoadError';
import { useT } from '../i18n';
import { useTopicVersion } from '../store/live-topics';
import { navigate } from '../store/route';
import { HttpStatusTag } from './activity/HttpStatusTag';

const SHOWN = 5;

/** The last few SCIM requests on the Overview, so a failing IdP is visible without opening Activity. */
export function LatestRequests() {
  const t = useT();
  const version = useTopicVersion('activity');
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    adminCall('activity.list', { Limit: SHOWN }).then(
      (value) => { if (current) { setEntries(value); setError(null); } },
      (failure: unknown) => { if (current) setError(errorMessage(failure)); },
    );
    return () => { current = false; };
  }, [version]);

  return (
    <Card title={t('overview.latest')} extra={<Button type="link" onClick={() => navigate({ page: 'activity' })}>{t('nav.activity')}</Button>}>
      <LoadError error={error} />
      <Table<ActivityEntry>
        rowKey="Seq"
        size="small"
        pagination={false}
        loading={entries === null && !error}
        dataSource={entries ?? []}
        locale={{ emptyText: t('activity.empty') }}
        columns={[
          { title: t('activity.time'), dataIndex: 'Time', width: 170, render: (value: string) => formatTime(value) },
          { title: t('activity.method'), dataIndex: 'Method', width: 90, render: (value: string) => <Tag className="mono">{value}</Tag> },
          { title: t('activity.path'), dataIndex: 'Path', ellipsis: { showTitle: true }, render: (value: string) => <span className="mono">{value}</span> },
          { title: t('activity.httpStatus'), dataIndex: 'Status', width: 110, render: (status: number) => <HttpStatusTag status={status} /> },
          { title: t('activity.outcome'), dataIndex: 'Outcome', ellipsis: { showTitle: true } },
          { title: t('activity.duration'), dataIndex: 'DurationMs', width: 90, render: (value: number) => formatDuration(value) },
        ]}
      />
    </Card>
  );
}
