import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tenant } from '../../../src-main/core/tenant';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('settings seen by a running server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-snapshot-'));
  const file = path.join(dir, 'tenant.sqlite');
  const opened: Tenant[] = [];
  const open = () => {
    const t = Tenant.open(file);
    opened.push(t);
    return t;
  };
  afterEach(() => opened.splice(0).forEach((t) => t.close()));

  it('sees the sync switch and faults another process changed, from the next event-loop turn', async () => {
    const server = open();
    const cli = open(); // a second connection, as the CLI has
    expect(server.settings.syncEnabled()).toBe(false);
    cli.settings.setSync('Enabled');
    cli.faults.set({ LatencyMs: 25 });
    await nextTurn();
    expect(server.settings.syncEnabled()).toBe(true);
    expect(server.faults.get().LatencyMs).toBe(25);
  });

  it("sees its own writes at once, whatever the turn", () => {
    const server = open();
    server.settings.setSync('Disabled');
    expect(server.settings.syncEnabled()).toBe(false);
    server.settings.setSync('Enabled');
    expect(server.settings.syncEnabled()).toBe(true);
    server.faults.set({ Paused: true });
    expect(server.faults.get().Paused).toBe(true);
    server.settings.updateDirectory({ Region: 'eu-central-1' });
    expect(server.settings.directory().Region).toBe('eu-central-1');
    expect(server.settings.sync().AcceleratedEndpointAvailable).toBe(false);
  });
});
