// The emulator's own test tools: fault injection and the demo IdP. Their server side is optional, so a
// failing channel becomes a readable error on the panel instead of breaking the console.
import { create } from 'zustand';
import type { DemoProgress, DemoRunRequest, FaultSettings } from '../../src-main/admin/contract';
import { adminCall, errorMessage } from '../api/admin-client';

interface ToolsState {
  faults: FaultSettings | null;
  faultsError: string | null;
  demo: DemoProgress | null;
  demoError: string | null;
  loadFaults(): Promise<void>;
  setFaults(change: Partial<FaultSettings>): Promise<FaultSettings>;
  loadDemo(): Promise<void>;
  startDemo(request: DemoRunRequest): Promise<DemoProgress>;
  cancelDemo(): Promise<DemoProgress>;
}

export const useToolsStore = create<ToolsState>((set) => ({
  faults: null,
  faultsError: null,
  demo: null,
  demoError: null,
  async loadFaults() {
    try {
      set({ faults: await adminCall('faults.get'), faultsError: null });
    } catch (error) {
      set({ faultsError: errorMessage(error) });
    }
  },
  async setFaults(change) {
    const faults = await adminCall('faults.set', change);
    set({ faults, faultsError: null });
    return faults;
  },
  async loadDemo() {
    try {
      set({ demo: await adminCall('demo.progress'), demoError: null });
    } catch (error) {
      set({ demoError: errorMessage(error) });
    }
  },
  async startDemo(request) {
    const demo = await adminCall('demo.start', request);
    set({ demo, demoError: null });
    return demo;
  },
  async cancelDemo() {
    const demo = await adminCall('demo.cancel');
    set({ demo, demoError: null });
    return demo;
  },
}));
