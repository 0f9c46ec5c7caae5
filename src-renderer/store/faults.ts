import type { FaultSettings } from '../../src-main/admin/contract';

/** Whether any fault is being injected into SCIM answers (drives the header badge). */
export function faultsActive(faults: FaultSettings | null): boolean {
  if (!faults) return false;
  return faults.Paused || faults.LatencyMs > 0 || faults.ThrottleRate > 0 || faults.ServerErrorRate > 0;
}
