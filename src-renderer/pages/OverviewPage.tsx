import { Button, Card, Col, Descriptions, Row, Statistic, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Overview } from '../../src-main/admin/contract';
import { adminCall, errorMessage } from '../api/admin-client';
import { ActivityChart } from '../components/ActivityChart';
import { CopyButton } from '../components/CopyButton';
import { formatTime } from '../components/format';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../i18n';
import { useTopicVersion } from '../store/live-topics';
import { LatestRequests } from './LatestRequests';
import { navigate } from '../store/route';
import { CopyableText } from '../components/CopyableText';

export function OverviewPage() {
  const t = useT();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Any of these topics changes a number on this page; their sum moves whenever one does.
  const version = useTopicVersion('directory') + useTopicVersion('settings') + useTopicVersion('credentials') + useTopicVersion('activity');

  useEffect(() => {
    let current = true;
    adminCall('overview.get').then(
      (value) => { if (current) { setOverview(value); setError(null); } },
      (failure: unknown) => { if (current) setError(errorMessage(failure)); },
    );
    return () => { current = false; };
  }, [version]);

  const stats = overview?.Statistics;
  const syncOn = overview?.Sync.SCIMSynchronizationStatus === 'Enabled';
  const sawRequests = (overview?.RecentActivity ?? []).some((bucket) => bucket.Success > 0) || (stats?.SynchronizedUserCount ?? 0) > 0;
  const steps = [
    { title: t('overview.start.credential'), description: t('overview.start.credential.body'), done: (stats?.EnabledCredentialCount ?? 0) > 0 },
    { title: t('overview.start.sync'), description: t('overview.start.sync.body'), done: syncOn },
    { title: t('overview.start.idp'), description: t('overview.start.idp.body'), done: sawRequests },
  ];
  const firstOpenStep = steps.findIndex((step) => !step.done);

  return (
    <>
      <PageHeader title={t('overview.title')} />
      <LoadError error={error} />
      {firstOpenStep !== -1 && overview ? (
        <Card title={t('overview.start.title')} className="section-card" extra={<Button type="primary" onClick={() => navigate({ page: 'settings', tab: 'user' })}>{t('overview.start.go')}</Button>}>
          <Steps
            current={firstOpenStep}
            items={steps.map((step) => ({ title: step.title, content: step.description, status: step.done ? 'finish' : undefined }))}
          />
        </Card>
      ) : null}
      <Row gutter={[16, 16]} className="section-row">
        <Col xs={24} md={12} xl={6}>
          <Card><Statistic title={t('overview.users')} value={stats?.UserCount ?? '—'} />
            <Typography.Text type="secondary">{stats ? t('overview.manualVsSynced', { manual: stats.ManualUserCount, synced: stats.SynchronizedUserCount }) : null}</Typography.Text></Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card><Statistic title={t('overview.groups')} value={stats?.GroupCount ?? '—'} />
            <Typography.Text type="secondary">{stats ? t('overview.manualVsSynced', { manual: stats.ManualGroupCount, synced: stats.SynchronizedGroupCount }) : null}</Typography.Text></Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card>
            <Statistic title={t('overview.sync')} value={overview ? (syncOn ? t('common.enabled') : t('common.disabled')) : '—'} styles={{ content: { color: syncOn ? '#17803d' : undefined } }} />
            {stats && stats.DriftCount > 0 ? <Tag color="warning">{t('overview.drift', { count: stats.DriftCount })}</Tag> : <span>&nbsp;</span>}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card><Statistic title={t('overview.credentials')} value={stats ? t('overview.credentialsValue', { enabled: stats.EnabledCredentialCount, total: stats.CredentialCount }) : '—'} />
            <span>&nbsp;</span></Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="section-row">
        <Col xs={24} xl={10}>
          <Card title={t('overview.directory')}>
            {overview ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('overview.directoryName')}>{overview.Directory.DirectoryName}</Descriptions.Item>
                <Descriptions.Item label={t('overview.directoryId')}><CopyableText text={overview.Directory.DirectoryId} label={`${t('common.copy')} ${t('overview.directoryId')}`} /></Descriptions.Item>
                <Descriptions.Item label={t('overview.region')}>{overview.Directory.Region}</Descriptions.Item>
                <Descriptions.Item label={t('common.createTime')}>{formatTime(overview.Directory.CreateTime)}</Descriptions.Item>
                <Descriptions.Item label={t('settings.endpoint')}>
                  <span className="endpoint-inline"><span className="value-box">{overview.Endpoints.SCIMEndpoint}</span>
                    <CopyButton text={overview.Endpoints.SCIMEndpoint} label={`${t('common.copy')} ${t('settings.endpoint')}`} showText /></span>
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('overview.activity')} extra={<Button type="link" onClick={() => navigate({ page: 'activity' })}>{t('nav.activity')}</Button>}>
            {overview ? <ActivityChart buckets={overview.RecentActivity} /> : null}
          </Card>
        </Col>
      </Row>
      <LatestRequests />
    </>
  );
}
