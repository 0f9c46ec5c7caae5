// The core's field limits, fetched once: forms show them as counters and refuse over-long text at the field.
import { create } from 'zustand';
import type { RulesView } from '../../src-main/admin/contract';
import { adminCall } from '../api/admin-client';

export type FieldLimits = RulesView['FieldLimits'];

interface RulesState {
  limits: FieldLimits | null;
  requested: boolean;
  load(): Promise<void>;
}

export const useRulesStore = create<RulesState>((set, get) => ({
  limits: null,
  requested: false,
  async load() {
    // every form field asks; one request serves them all
    if (get().requested) return;
    set({ requested: true });
    try {
      set({ limits: (await adminCall('rules.get')).FieldLimits });
    } catch {
      set({ requested: false });
      // Without the limits the forms show no counter; the core still refuses over-long text with its own message.
    }
  },
}));
