import type { InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect } from 'react';
import type { Translate } from '../i18n';
import { useRulesStore, type FieldLimits } from '../store/rules-store';

// The core counts UTF-16 code units (String.length); count the same way, so the counter and the core agree.
const codeUnits = (text: string) => text.length;

export interface LengthLimit {
  /** For the Input/TextArea `count` prop: a counter that turns red past the limit, never cutting the text. */
  count: InputProps['count'];
  /** For the Form.Item `rules`: refuses over-long text at the field, saying how long it may be. */
  rules: Rule[];
}

/** The core's limit for `field`, as an input counter and a form rule. Nothing while the limits are still loading. */
export function useLengthLimit(field: keyof FieldLimits, t: Translate): LengthLimit {
  const limits = useRulesStore((state) => state.limits);
  const load = useRulesStore((state) => state.load);
  useEffect(() => { void load(); }, [load]);
  const max = limits?.[field];
  if (max === undefined) return { count: undefined, rules: [] };
  return {
    count: { show: true, max, strategy: codeUnits },
    rules: [{
      validator: async (_rule, value: unknown) => {
        if (typeof value === 'string' && codeUnits(value) > max) throw new Error(t('form.tooLong', { max, count: codeUnits(value) }));
      },
    }],
  };
}
