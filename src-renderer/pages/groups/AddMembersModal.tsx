import { App, Modal, Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Group, User } from '../../../src-main/admin/contract';
import { adminCall, errorMessage } from '../../api/admin-client';
import { useT } from '../../i18n';

const SUGGESTION_LIMIT = 20;

/** Add User to Group: a type-ahead over the core's user search, never the whole directory. */
export function AddMembersModal({ open, group, onClose, onAdded }: { open: boolean; group: Group; onClose(): void; onAdded(group: Group): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [options, setOptions] = useState<User[]>([]);
  const [searching, setSearching] = useState(false);
  const [saving, setSaving] = useState(false);
  const latestSearch = useRef(0);

  const search = async (text: string) => {
    const request = ++latestSearch.current;
    setSearching(true);
    try {
      const page = await adminCall('users.list', { Text: text.trim() || undefined, Limit: SUGGESTION_LIMIT, Offset: 0, SortBy: 'UserName', SortOrder: 'asc' });
      if (request === latestSearch.current) setOptions(page.Items);
    } catch (error) {
      if (request === latestSearch.current) message.error(errorMessage(error));
    } finally {
      if (request === latestSearch.current) setSearching(false);
    }
  };

  useEffect(() => {
    if (open) {
      setSelected([]);
      void search('');
    }
    // Only opening the dialog starts a fresh search; `search` itself reads refs and setters only.
  }, [open]);

  const submit = async () => {
    if (selected.length === 0) return onClose();
    setSaving(true);
    try {
      const updated = await adminCall('groups.addMembers', { GroupId: group.GroupId, UserIds: selected });
      message.success(t('groups.addUsers.done', { count: selected.length, name: group.GroupName }));
      onAdded(updated);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('groups.addUsers')} okText={t('groups.addUsers')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose} okButtonProps={{ disabled: selected.length === 0 }} destroyOnHidden>
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={selected}
        placeholder={t('groups.addUsers.pick')}
        aria-label={t('groups.addUsers.pick')}
        showSearch={{ filterOption: false, onSearch: (text: string) => void search(text) }}
        notFoundContent={searching ? <Spin size="small" /> : null}
        onChange={setSelected}
        options={options.map((user) => ({ value: user.UserId, label: user.DisplayName ? `${user.UserName} (${user.DisplayName})` : user.UserName }))}
        autoFocus
      />
    </Modal>
  );
}
