import { Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import type { NameSearchMode } from '../store/list-query';

interface NameSearchProps {
  mode: NameSearchMode;
  text: string;
  modeLabels: Record<NameSearchMode, string>;
  placeholder: string;
  onSearch(mode: NameSearchMode, text: string): void;
}

/** CloudSSO's name filter (equals / starts with) next to the emulator's free-text search. */
export function NameSearch({ mode, text, modeLabels, placeholder, onSearch }: NameSearchProps) {
  const t = useT();
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  return (
    <Space.Compact>
      <Select<NameSearchMode>
        value={mode}
        style={{ width: 190 }}
        aria-label={t('common.searchBy')}
        onChange={(next) => onSearch(next, draft)}
        options={(Object.keys(modeLabels) as NameSearchMode[]).map((value) => ({ value, label: modeLabels[value] }))}
      />
      <Input.Search
        allowClear
        value={draft}
        placeholder={placeholder}
        aria-label={placeholder}
        style={{ width: 280 }}
        onChange={(event) => setDraft(event.target.value)}
        onSearch={(value) => onSearch(mode, value)}
      />
    </Space.Compact>
  );
}
