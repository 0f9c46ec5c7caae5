import { Alert, App, Button, Card, Form, InputNumber, Popconfirm, Progress, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DemoRunRequest } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { useT } from '../../i18n';
import { useTopicVersion } from '../../store/live-topics';
import { useToolsStore } from '../../store/tools-store';

const POLL_MS = 1000;

interface DemoForm {
  Users: number;
  Groups: number;
  Concurrency: number;
  ReplayDay: 'Entra' | 'Okta' | 'none';
}

export function DemoIdpCard() {
  const t = useT();
  const { message } = App.useApp();
  const { demo, demoError, loadDemo, startDemo, cancelDemo } = useToolsStore();
  const version = useTopicVersion('demo');
  const [busy, setBusy] = useState(false);
  const running = demo?.Running ?? false;

  useEffect(() => { void loadDemo(); }, [loadDemo, version]);
  // Progress events may be coalesced or absent; while a run is going, poll as well.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void loadDemo(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, loadDemo]);

  const start = async (values: DemoForm) => {
    const request: DemoRunRequest = { Users: values.Users, Groups: values.Groups, Concurrency: values.Concurrency, ReplayDay: values.ReplayDay === 'none' ? null : values.ReplayDay };
    setBusy(true);
    try {
      const progress = await startDemo(request);
      // The run may refuse to start (one already going) and say so in its progress rather than as an error.
      if (progress.Error) message.error(progress.Error);
      else message.success(t('tools.demo.started'));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    try {
      await cancelDemo();
      message.success(t('tools.demo.cancelled'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const percent = demo && demo.Total > 0 ? Math.floor((demo.Done / demo.Total) * 100) : 0;

  return (
    <Card title={t('tools.demo')} className="section-card">
      <Typography.Paragraph type="secondary">{t('tools.demo.body')}</Typography.Paragraph>
      {demoError ? <Alert type="error" showIcon title={t('tools.demo.unavailable', { reason: demoError })} style={{ marginBottom: 16 }} /> : null}
      {demo?.Error ? <Alert type="error" showIcon title={demo.Error} style={{ marginBottom: 16 }} /> : null}
      <Form<DemoForm> layout="vertical" onFinish={start} disabled={running} initialValues={{ Users: 200, Groups: 20, Concurrency: 4, ReplayDay: 'none' }}>
        <div className="form-pair">
          <Form.Item name="Users" label={t('tools.demo.users')}><InputNumber min={0} max={100000} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="Groups" label={t('tools.demo.groups')}><InputNumber min={0} max={100000} style={{ width: '100%' }} /></Form.Item>
        </div>
        <div className="form-pair">
          <Form.Item name="Concurrency" label={t('tools.demo.concurrency')}><InputNumber min={1} max={64} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="ReplayDay" label={t('tools.demo.replay')}>
            <Select options={[{ value: 'none', label: t('tools.demo.replay.none') }, { value: 'Entra', label: 'Microsoft Entra ID' }, { value: 'Okta', label: 'Okta' }]} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={busy}>{t('tools.demo.start')}</Button>
      </Form>
      <div className="demo-progress" aria-live="polite">
        {demo && (demo.Running || demo.Total > 0) ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Progress percent={percent} status={demo.Error ? 'exception' : demo.Running ? 'active' : 'normal'} />
            <Space wrap>
              <Typography.Text>{t('tools.demo.phase')}: {demo.Phase}</Typography.Text>
              <Typography.Text type="secondary">{demo.Done} / {demo.Total}</Typography.Text>
              {demo.Failed > 0 ? <Typography.Text type="danger">{t('tools.demo.failed', { count: demo.Failed })}</Typography.Text> : null}
              <Typography.Text type="secondary" data-testid="demo-traffic">
                {t('tools.demo.traffic', { requests: demo.Requests, retries: demo.Retries, throttled: demo.Throttled, serverErrors: demo.ServerErrors })}
              </Typography.Text>
              {demo.Running ? (
                <Popconfirm title={t('tools.demo.cancel')} okText={t('tools.demo.cancel')} cancelText={t('common.cancel')} onConfirm={cancel}>
                  <Button danger size="small">{t('tools.demo.cancel')}</Button>
                </Popconfirm>
              ) : null}
            </Space>
            {demo.RolledBack > 0 ? <Alert type="info" showIcon data-testid="demo-rolled-back" title={t('tools.demo.rolledBack', { count: demo.RolledBack })} /> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('tools.demo.idle')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
