import { Alert, App, List, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { DriftEntry, SettingsView } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { EmulatorNote } from '../../components/EmulatorNote';
import { formatTime } from '../../components/format';
import { useT, type Translate } from '../../i18n';
import { useSettingsStore } from '../../store/settings-store';

const DRIFT_LIST_LIMIT = 5;

/** The SCIM synchronization switch: every flip is confirmed with its consequences in CloudSSO's terms. */
export function ScimSyncSwitch({ view }: { view: SettingsView }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const setSync = useSettingsStore((state) => state.setSync);
  const [busy, setBusy] = useState(false);
  const on = view.Sync.SCIMSynchronizationStatus === 'Enabled';

  const flip = (turnOn: boolean) => {
    modal.confirm({
      title: turnOn ? t('settings.scim.confirmOn.title') : t('settings.scim.confirmOff.title'),
      width: 560,
      content: turnOn ? <TurnOnConsequences drift={view.Drift} t={t} /> : <p>{t('settings.scim.confirmOff.body')}</p>,
      okText: turnOn ? t('settings.scim.turnOn') : t('settings.scim.turnOff'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: !turnOn },
      onOk: async () => {
        setBusy(true);
        try {
          await setSync(turnOn ? 'Enabled' : 'Disabled');
          message.success(turnOn ? t('settings.scim.turnedOn') : t('settings.scim.turnedOff'));
        } catch (error) {
          message.error(errorMessage(error));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Space align="start" size="middle">
      <Switch checked={on} loading={busy} onChange={flip} aria-label={t('settings.scim.switch')} data-testid="scim-sync-switch" />
      <Typography.Text type="secondary">{on ? t('settings.scim.switch.on') : t('settings.scim.switch.off')}</Typography.Text>
      {on ? null : <EmulatorNote explanation={t('emulator.syncOff')} />}
    </Space>
  );
}

function TurnOnConsequences({ drift, t }: { drift: DriftEntry[]; t: Translate }) {
  const shown = drift.slice(0, DRIFT_LIST_LIMIT);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <p>{t('settings.scim.confirmOn.body')}</p>
      {drift.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="drift-warning"
          title={t('settings.scim.confirmOn.drift', { count: drift.length })}
          description={
            <>
              <p style={{ marginTop: 4 }}>{t('settings.scim.confirmOn.driftBody')}</p>
              <List
                size="small"
                dataSource={shown}
                renderItem={(entry) => (
                  <List.Item key={`${entry.ResourceType}-${entry.ResourceId}`}>
                    <Space wrap>
                      <Tag>{entry.ResourceType}</Tag>
                      <Typography.Text strong>{entry.Name}</Typography.Text>
                      <Tag color={entry.Change === 'Deleted' ? 'error' : 'warning'}>{entry.Change}</Tag>
                      <Typography.Text type="secondary">{formatTime(entry.ChangeTime)}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
              {drift.length > shown.length ? <Typography.Text type="secondary">{t('settings.scim.confirmOn.driftMore', { count: drift.length - shown.length })}</Typography.Text> : null}
            </>
          }
        />
      ) : null}
    </Space>
  );
}
