import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { CreateUserInput, User, UserFields } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { markFieldTheCoreNamed } from '../../components/field-error';
import { useLengthLimit } from '../../components/length-limit';
import { useT } from '../../i18n';

interface UserFormModalProps {
  open: boolean;
  /** Edit this user; create a new one when absent. */
  user?: User;
  onClose(): void;
  onSaved(user: User): void;
}

type FormValues = CreateUserInput;

/** Empty inputs mean "no value" to the core, not an empty string. */
function nullIfBlank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function UserFormModal({ open, user, onClose, onSaved }: UserFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const limit = {
    UserName: useLengthLimit('UserName', t),
    FirstName: useLengthLimit('FirstName', t),
    LastName: useLengthLimit('LastName', t),
    DisplayName: useLengthLimit('DisplayName', t),
    Email: useLengthLimit('Email', t),
    Description: useLengthLimit('Description', t),
  };

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ UserName: user.UserName, FirstName: user.FirstName, LastName: user.LastName, DisplayName: user.DisplayName, Email: user.Email, Description: user.Description });
  }, [open, user, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const fields: UserFields = {
      FirstName: nullIfBlank(values.FirstName),
      LastName: nullIfBlank(values.LastName),
      DisplayName: nullIfBlank(values.DisplayName),
      Email: nullIfBlank(values.Email),
      Description: nullIfBlank(values.Description),
    };
    setSaving(true);
    try {
      const saved = user
        ? await adminCall('users.update', { UserId: user.UserId, ...fields })
        : await adminCall('users.create', { UserName: values.UserName.trim(), ...fields });
      message.success(t(user ? 'users.updated' : 'users.created', { name: saved.UserName }));
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
      title={user ? t('users.edit') : t('users.create')}
      okText={user ? t('common.save') : t('users.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="UserName"
          label={t('users.userName')}
          extra={user ? t('users.userNameImmutable') : t('users.userNameRule')}
          rules={user ? [] : [{ required: true, whitespace: true, message: t('users.userNameRequired') }, ...limit.UserName.rules]}
        >
          <Input disabled={Boolean(user)} count={user ? undefined : limit.UserName.count} autoFocus={!user} />
        </Form.Item>
        <div className="form-pair">
          <Form.Item name="FirstName" label={t('users.firstName')} rules={limit.FirstName.rules}><Input count={limit.FirstName.count} /></Form.Item>
          <Form.Item name="LastName" label={t('users.lastName')} rules={limit.LastName.rules}><Input count={limit.LastName.count} /></Form.Item>
        </div>
        <Form.Item name="DisplayName" label={t('users.displayName')} rules={limit.DisplayName.rules}><Input count={limit.DisplayName.count} autoFocus={Boolean(user)} /></Form.Item>
        <Form.Item name="Email" label={t('users.email')} rules={limit.Email.rules}><Input type="email" count={limit.Email.count} /></Form.Item>
        <Form.Item name="Description" label={t('common.description')} rules={limit.Description.rules}><Input.TextArea count={limit.Description.count} rows={3} /></Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
