import type { ActivityBucket } from '../../src-main/admin/contract';
import { useT } from '../i18n';
import { formatTime } from './format';

const WIDTH = 600;
const HEIGHT = 120;

/** Stacked bars, one a minute: successes in blue, failures in red on top. Plain SVG, no chart library. */
export function ActivityChart({ buckets }: { buckets: ActivityBucket[] }) {
  const t = useT();
  const peak = Math.max(1, ...buckets.map((b) => b.Success + b.Error));
  const barWidth = WIDTH / Math.max(1, buckets.length);
  const total = buckets.reduce((sum, b) => sum + b.Success + b.Error, 0);
  return (
    <div className="activity-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={t('overview.activity')} width="100%" height={HEIGHT}>
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="#d9d9d9" />
        {buckets.map((bucket, index) => {
          const successHeight = (bucket.Success / peak) * (HEIGHT - 8);
          const errorHeight = (bucket.Error / peak) * (HEIGHT - 8);
          const x = index * barWidth + 1;
          const w = Math.max(1, barWidth - 2);
          return (
            <g key={bucket.Time}>
              <title>{`${formatTime(bucket.Time)} · ${t('overview.activity.success')} ${bucket.Success} · ${t('overview.activity.error')} ${bucket.Error}`}</title>
              <rect x={x} y={HEIGHT - successHeight} width={w} height={successHeight} fill="#0064c8" />
              <rect x={x} y={HEIGHT - successHeight - errorHeight} width={w} height={errorHeight} fill="#e34d59" />
            </g>
          );
        })}
      </svg>
      <div className="activity-chart-axis"><span>{t('overview.activity.start')}</span><span>{t('overview.activity.now')}</span></div>
      <div className="activity-chart-legend">
        <span><i style={{ background: '#0064c8' }} />{t('overview.activity.success')}</span>
        <span><i style={{ background: '#e34d59' }} />{t('overview.activity.error')}</span>
        {total === 0 ? <span className="muted">{t('overview.activity.empty')}</span> : null}
      </div>
    </div>
  );
}
