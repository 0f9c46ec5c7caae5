import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { describePortConflict, findFreePort, isPortInUse, startWithPortRecovery, type PortChoice } from '../../src-main/electron/port-recovery';

function addressInUse(port: number): Error {
  return Object.assign(new Error(`listen EADDRINUSE: address already in use 127.0.0.1:${port}`), { code: 'EADDRINUSE', port });
}

describe('port conflicts at start-up', () => {
  it('recognises only "address in use" as a port conflict', () => {
    expect(isPortInUse(addressInUse(8080))).toBe(true);
    expect(isPortInUse(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(isPortInUse(null)).toBe(false);
  });

  it('tells which listener hit the conflict', () => {
    expect(describePortConflict(addressInUse(9001), { scimPort: 9000, acceleratedPort: 9001 })).toEqual({ listener: 'accelerated', port: 9001 });
    expect(describePortConflict(addressInUse(9000), { scimPort: 9000, acceleratedPort: 9001 })).toEqual({ listener: 'scim', port: 9000 });
    expect(describePortConflict({ code: 'EADDRINUSE' }, { scimPort: 9000 })).toEqual({ listener: 'scim', port: 9000 });
    expect(describePortConflict(addressInUse(9003), { scimPort: 9000, acceleratedPort: 9001, apiPort: 9003 })).toEqual({ listener: 'api', port: 9003 });
  });

  it('a busy OpenAPI port moves the OpenAPI listener, not the SCIM one', async () => {
    const start = vi.fn(async (ports: { scimPort?: number; apiPort?: number }) => {
      if (ports.apiPort === 9003) throw addressInUse(9003);
      return `scim ${ports.scimPort}, api ${ports.apiPort}`;
    });
    const result = await startWithPortRecovery(start, { scimPort: 9000, apiPort: 9003 }, async () => ({ action: 'use', port: 9010 }));
    expect(result).toEqual({ server: 'scim 9000, api 9010', ports: { scimPort: 9000, apiPort: 9010 } });
  });

  it('starts on the port the user picked after a conflict, and reports it so it is remembered', async () => {
    const start = vi.fn(async (ports: { scimPort?: number }) => {
      if (ports.scimPort === 9000) throw addressInUse(9000);
      return `server on ${ports.scimPort}`;
    });
    const ask = vi.fn(async (): Promise<PortChoice> => ({ action: 'use', port: 9005 }));
    const result = await startWithPortRecovery(start, { scimPort: 9000 }, ask);
    expect(result).toEqual({ server: 'server on 9005', ports: { scimPort: 9005 } });
    expect(ask).toHaveBeenCalledWith({ listener: 'scim', port: 9000 });
  });

  it('tries the same port again when asked (the other program was closed meanwhile)', async () => {
    let busy = true;
    const start = vi.fn(async () => {
      if (busy) throw addressInUse(9000);
      return 'server';
    });
    const result = await startWithPortRecovery(start, { scimPort: 9000 }, async () => {
      busy = false;
      return { action: 'retry' };
    });
    expect(result).toEqual({ server: 'server', ports: { scimPort: 9000 } });
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('gives up without starting when the user chooses Quit', async () => {
    const result = await startWithPortRecovery(async () => Promise.reject(addressInUse(9000)), { scimPort: 9000 }, async () => ({ action: 'quit' }));
    expect(result).toBeNull();
  });

  it('does not hide other start-up errors behind the port dialog', async () => {
    const ask = vi.fn();
    await expect(startWithPortRecovery(async () => Promise.reject(new Error('not a tenant')), {}, ask)).rejects.toThrow('not a tenant');
    expect(ask).not.toHaveBeenCalled();
  });

  it('finds the next port that is really free', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as net.AddressInfo).port;
    try {
      const free = await findFreePort(busyPort);
      expect(free).not.toBeNull();
      expect(free).not.toBe(busyPort);
      expect(free!).toBeGreaterThan(busyPort);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
