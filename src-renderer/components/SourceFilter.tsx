import { Select } from 'antd';
import type { ProvisionType } from '../../src-main/admin/contract';
import { useT } from '../i18n';

/** The Source filter of the Users and Groups lists: all, SCIM Synchronization, or Manual. */
export function SourceFilter({ value, onChange }: { value: ProvisionType | undefined; onChange: (value: ProvisionType | undefined) => void }) {
  const t = useT();
  return (
    <Select<ProvisionType | 'all'>
      value={value ?? 'all'}
      style={{ width: 200 }}
      aria-label={t('users.filter.source')}
      onChange={(next) => onChange(next === 'all' ? undefined : next)}
      options={[
        { value: 'all', label: `${t('users.filter.source')}: ${t('common.all')}` },
        { value: 'Synchronized', label: t('source.Synchronized') },
        { value: 'Manual', label: t('source.Manual') },
      ]}
    />
  );
}
