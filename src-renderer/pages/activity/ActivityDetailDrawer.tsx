import { Descriptions, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import type { ActivityDetail } from '../../../src-main/admin/contract';
import { adminCall } from '../../api/admin-client';
import { formatDuration, formatTime, prettyBody } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { RouteLink } from '../../components/RouteLink';
import { useDetail } from '../../components/useDetail';
import { useT } from '../../i18n';
import { HttpStatusTag } from './HttpStatusTag';

/** One SCIM request in full: what an admin reads when an IdP reports "provisioning failed". */
export function ActivityDetailDrawer({ seq, onClose }: { seq: number | null; onClose(): void }) {
  const t = useT();
  return (
    <Drawer open={seq !== null} onClose={onClose} size={720} title={seq !== null ? t('activity.detail', { seq }) : ''} destroyOnHidden>
      {seq !== null ? <DetailBody seq={seq} /> : null}
    </Drawer>
  );
}

/** Users and groups a request touched, linked to their pages (a deleted one shows "not found" there). */
function ResourceLinks({ type, ids }: { type: string | null; ids: string[] }) {
  const t = useT();
  if (ids.length === 0) return <>{t('common.none')}</>;
  return (
    <Space wrap size={[12, 4]}>
      {ids.map((id) => {
        const route = type === 'User' ? { page: 'user' as const, userId: id } : type === 'Group' ? { page: 'group' as const, groupId: id } : null;
        return route ? <RouteLink key={id} to={route}><span className="mono">{id}</span></RouteLink> : <span key={id} className="selectable mono">{id}</span>;
      })}
    </Space>
  );
}

function DetailBody({ seq }: { seq: number }) {
  const t = useT();
  const detail = useDetail<ActivityDetail>(() => adminCall('activity.get', { Seq: seq }), String(seq), 0);
  const entry = detail.value;
  if (!entry) return <><LoadError error={detail.error} /><Skeleton active /></>;
  const request = prettyBody(entry.RequestBody);
  const response = prettyBody(entry.ResponseBody);
  return (
    <>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 160 } }}>
        <Descriptions.Item label={t('activity.time')}>{formatTime(entry.Time)} <Typography.Text type="secondary" className="selectable">({entry.Time})</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('activity.method')}><Typography.Text className="selectable mono">{entry.Method} {entry.Path}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('activity.httpStatus')}><HttpStatusTag status={entry.Status} />{entry.Injected ? <Tag color="magenta">{t('activity.injected')}</Tag> : null}</Descriptions.Item>
        <Descriptions.Item label={t('activity.outcome')}>{entry.Outcome}</Descriptions.Item>
        <Descriptions.Item label={t('activity.duration')}>{formatDuration(entry.DurationMs)}</Descriptions.Item>
        <Descriptions.Item label={t('activity.credential')}><span className="selectable mono">{entry.CredentialId ?? t('common.none')}</span></Descriptions.Item>
        <Descriptions.Item label={t('activity.userAgent')}><span className="selectable">{entry.UserAgent ?? t('common.none')}</span></Descriptions.Item>
        <Descriptions.Item label={t('activity.resourceIds')}><ResourceLinks type={entry.ResourceType} ids={entry.ResourceIds} /></Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('activity.request')}</Typography.Title>
      <pre className="body-block selectable" data-testid="activity-request-body">{request ?? t('activity.noBody')}</pre>
      <Typography.Title level={5}>{t('activity.response')}</Typography.Title>
      <pre className="body-block selectable" data-testid="activity-response-body">{response ?? t('activity.noBody')}</pre>
    </>
  );
}
