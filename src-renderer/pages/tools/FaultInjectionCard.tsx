import { Alert, App, Button, Card, Form, InputNumber, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { FaultSettings } from '../../../src-main/admin/contract';
import { errorMessage } from '../../api/admin-client';
import { useT } from '../../i18n';
import { useTopicVersion } from '../../store/live-topics';
import { useToolsStore } from '../../store/tools-store';

const ALL_OFF: Partial<FaultSettings> = { LatencyMs: 0, ThrottleRate: 0, ServerErrorRate: 0, Paused: false };

/** Shares are edited as percentages (what people think in) and sent as 0–1 (what the contract carries). */
interface FaultForm {
  LatencyMs: number;
  ThrottlePercent: number;
  RetryAfterSeconds: number;
  ServerErrorPercent: number;
  Paused: boolean;
}

function toForm(faults: FaultSettings): FaultForm {
  return {
    LatencyMs: faults.LatencyMs,
    ThrottlePercent: Math.round(faults.ThrottleRate * 1000) / 10,
    RetryAfterSeconds: faults.RetryAfterSeconds,
    ServerErrorPercent: Math.round(faults.ServerErrorRate * 1000) / 10,
    Paused: faults.Paused,
  };
}

export function FaultInjectionCard() {
  const t = useT();
  const { message } = App.useApp();
  const { faults, faultsError, loadFaults, setFaults } = useToolsStore();
  const version = useTopicVersion('faults');
  const [form] = Form.useForm<FaultForm>();
  const [saving, setSaving] = useState(false);

  useEffect(() => { void loadFaults(); }, [loadFaults, version]);
  useEffect(() => { if (faults) form.setFieldsValue(toForm(faults)); }, [faults, form]);

  const apply = async (change: Partial<FaultSettings>, done: string) => {
    setSaving(true);
    try {
      await setFaults(change);
      message.success(done);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const submit = (values: FaultForm) =>
    apply({
      LatencyMs: values.LatencyMs,
      ThrottleRate: values.ThrottlePercent / 100,
      RetryAfterSeconds: values.RetryAfterSeconds,
      ServerErrorRate: values.ServerErrorPercent / 100,
      Paused: values.Paused,
    }, t('tools.faults.applied'));

  return (
    <Card title={t('tools.faults')} className="section-card">
      {faultsError ? <Alert type="error" showIcon title={t('tools.faults.unavailable', { reason: faultsError })} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} disabled={!faults} initialValues={{ LatencyMs: 0, ThrottlePercent: 0, RetryAfterSeconds: 1, ServerErrorPercent: 0, Paused: false }}>
        <div className="form-pair">
          <Form.Item name="LatencyMs" label={t('tools.faults.latency')}><InputNumber min={0} max={60000} step={100} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="RetryAfterSeconds" label={t('tools.faults.retryAfter')}><InputNumber min={0} max={3600} style={{ width: '100%' }} /></Form.Item>
        </div>
        <div className="form-pair">
          <Form.Item name="ThrottlePercent" label={t('tools.faults.throttle')}><InputNumber min={0} max={100} step={5} suffix="%" style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="ServerErrorPercent" label={t('tools.faults.serverError')}><InputNumber min={0} max={100} step={5} suffix="%" style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="Paused" label={t('tools.faults.paused')} valuePropName="checked"><Switch /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>{t('tools.faults.apply')}</Button>
          <Button onClick={() => void apply(ALL_OFF, t('tools.faults.cleared'))}>{t('tools.faults.clear')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
