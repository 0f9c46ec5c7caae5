// The provisioning log, newest first. The first page follows live updates; "Load older" pages back with
// BeforeSeq and the two are merged by sequence number, so live refreshes never lose what was paged in.
import { create } from 'zustand';
import type { ActivityEntry, ActivityQuery } from '../../src-main/admin/contract';
import { adminCall, errorMessage } from '../api/admin-client';

export type ActivityFilters = Pick<ActivityQuery, 'StatusClass' | 'Method' | 'ResourceType' | 'CredentialId' | 'Source'>;

export const ACTIVITY_PAGE_SIZE = 100;

interface ActivityState {
  filters: ActivityFilters;
  entries: ActivityEntry[];
  /** False once a page came back shorter than asked: nothing older exists. */
  hasOlder: boolean;
  loading: boolean;
  loadError: string | null;
  setFilters(filters: ActivityFilters): void;
  loadNewest(): Promise<void>;
  loadOlder(): Promise<void>;
}

/** Newest first, each Seq once; a fresher copy of an entry wins. */
export function mergeActivity(current: ActivityEntry[], incoming: ActivityEntry[]): ActivityEntry[] {
  const bySeq = new Map<number, ActivityEntry>();
  for (const entry of current) bySeq.set(entry.Seq, entry);
  for (const entry of incoming) bySeq.set(entry.Seq, entry);
  return [...bySeq.values()].sort((a, b) => b.Seq - a.Seq);
}

/** Drops empty filter values so the query only carries what the admin chose. */
export function activityQuery(filters: ActivityFilters, extra: Pick<ActivityQuery, 'BeforeSeq' | 'Limit'>): ActivityQuery {
  const query: ActivityQuery = { ...extra };
  for (const [key, value] of Object.entries(filters) as [keyof ActivityFilters, string | undefined][]) {
    if (value) (query as Record<string, unknown>)[key] = value;
  }
  return query;
}

let latestRequest = 0;

export const useActivityStore = create<ActivityState>((set, get) => ({
  filters: {},
  entries: [],
  hasOlder: true,
  loading: false,
  loadError: null,
  setFilters(filters) {
    set({ filters, entries: [], hasOlder: true });
  },
  async loadNewest() {
    const request = ++latestRequest;
    set({ loading: true });
    try {
      const newest = await adminCall('activity.list', activityQuery(get().filters, { Limit: ACTIVITY_PAGE_SIZE }));
      if (request !== latestRequest) return;
      const hasOlder = get().entries.length === 0 ? newest.length === ACTIVITY_PAGE_SIZE : get().hasOlder;
      set({ entries: mergeActivity(get().entries, newest), hasOlder, loading: false, loadError: null });
    } catch (error) {
      if (request === latestRequest) set({ loading: false, loadError: errorMessage(error) });
    }
  },
  async loadOlder() {
    const entries = get().entries;
    const oldest = entries[entries.length - 1];
    if (!oldest) return get().loadNewest();
    const request = ++latestRequest;
    set({ loading: true });
    try {
      const older = await adminCall('activity.list', activityQuery(get().filters, { BeforeSeq: oldest.Seq, Limit: ACTIVITY_PAGE_SIZE }));
      if (request !== latestRequest) return;
      set({ entries: mergeActivity(get().entries, older), hasOlder: older.length === ACTIVITY_PAGE_SIZE, loading: false, loadError: null });
    } catch (error) {
      if (request === latestRequest) set({ loading: false, loadError: errorMessage(error) });
    }
  },
}));
