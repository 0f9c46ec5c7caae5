// Live updates as version counters: a page that shows data of a topic lists that topic's version in its
// effect dependencies and refetches when it moves. Bursts of change events (an IdP pushing thousands of
// users) are coalesced so the console refetches at most a few times a second.
import { create } from 'zustand';
import type { AdminApi, ChangeTopic } from '../../src-main/admin/contract';
import type { LiveState } from '../api/http-transport';

type Versions = Record<ChangeTopic, number>;

interface LiveTopicsState {
  versions: Versions;
  /** The change stream's state (always connected over Electron IPC). */
  liveState: LiveState;
  bump(topics: ChangeTopic[]): void;
  setLiveState(state: LiveState): void;
}

export const useLiveTopics = create<LiveTopicsState>((set) => ({
  versions: { directory: 0, settings: 0, credentials: 0, activity: 0, faults: 0, demo: 0 },
  liveState: 'connected',
  bump: (topics) =>
    set((state) => {
      const versions = { ...state.versions };
      for (const topic of topics) if (topic in versions) versions[topic] += 1;
      return { versions };
    }),
  setLiveState: (liveState) => set({ liveState }),
}));

export function useTopicVersion(topic: ChangeTopic): number {
  return useLiveTopics((state) => state.versions[topic]);
}

/** Subscribes to the API's change events, coalescing them over `windowMs`. Returns the unsubscribe function. */
export function followChanges(api: AdminApi, windowMs = 250): () => void {
  const pending = new Set<ChangeTopic>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const topics = [...pending];
    pending.clear();
    useLiveTopics.getState().bump(topics);
  };
  const unsubscribe = api.onChange((event) => {
    for (const topic of event.Topics) pending.add(topic);
    if (!timer) timer = setTimeout(flush, windowMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
