import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { Group } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { markFieldTheCoreNamed } from '../../components/field-error';
import { useLengthLimit } from '../../components/length-limit';
import { useT } from '../../i18n';

interface GroupFormModalProps {
  open: boolean;
  group?: Group;
  onClose(): void;
  onSaved(group: Group): void;
}

interface FormValues {
  GroupName: string;
  Description?: string | null;
}

export function GroupFormModal({ open, group, onClose, onSaved }: GroupFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const groupNameLimit = useLengthLimit('GroupName', t);
  const descriptionLimit = useLengthLimit('Description', t);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (group) form.setFieldsValue({ GroupName: group.GroupName, Description: group.Description });
  }, [open, group, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const description = values.Description?.trim() ? values.Description.trim() : null;
    setSaving(true);
    try {
      const saved = group
        ? await adminCall('groups.update', { GroupId: group.GroupId, GroupName: values.GroupName.trim(), Description: description })
        : await adminCall('groups.create', { GroupName: values.GroupName.trim(), Description: description });
      message.success(t(group ? 'groups.updated' : 'groups.created', { name: saved.GroupName }));
      onSaved(saved);
    } catch (error) {
      markFieldTheCoreNamed(form, error);
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={group ? t('groups.edit') : t('groups.create')}
      okText={group ? t('common.save') : t('groups.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="GroupName" label={t('groups.groupName')} extra={t('groups.groupNameRule')} rules={[{ required: true, whitespace: true, message: t('groups.groupNameRequired') }, ...groupNameLimit.rules]}>
          <Input count={groupNameLimit.count} autoFocus />
        </Form.Item>
        <Form.Item name="Description" label={t('common.description')} rules={descriptionLimit.rules}><Input.TextArea count={descriptionLimit.count} rows={3} /></Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
