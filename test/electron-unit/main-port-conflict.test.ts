// A port conflict at start-up, as the user meets it: the SCIM port is taken by another program, a dialog
// names it and offers a free one, and the app starts there and remembers the choice.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_INVOKE_PREFIX } from '../../src-main/admin/contract';
import { loadMainProcess, until, type LoadedMainProcess } from './load-main-process';

let main: LoadedMainProcess;
const squatter = net.createServer();
let busyPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  busyPort = (squatter.address() as net.AddressInfo).port;
  // The fake dialog answers with its first button, which is "Use port <free port>".
  main = loadMainProcess('main-port-conflict', { recentTenants: [], scimPort: busyPort, acceleratedPort: 0 });
  await until(() => main.calls.windows.length > 0, 'the window');
}, 120_000);

afterAll(async () => {
  main?.electron.app.quit();
  if (main) await until(() => main.calls.exitCodes.length > 0, 'the quit');
  main?.cleanUp();
  await new Promise((resolve) => squatter.close(resolve));
});

describe('port conflict at start-up', () => {
  it('shows the conflict with a choice of another port', () => {
    const box = main.calls.messageBoxes[0] as { message: string; buttons: string[] };
    expect(box.message).toBe(`Port ${busyPort} is already in use`);
    expect(box.buttons[0]).toMatch(/^Use port \d+$/);
    expect(box.buttons).toEqual(expect.arrayContaining(['Try Again', 'Quit']));
  });

  it('starts the SCIM endpoint on the port picked, and remembers it for next time', async () => {
    const picked = Number(/^Use port (\d+)$/.exec((main.calls.messageBoxes[0] as { buttons: string[] }).buttons[0]!)![1]);
    expect(picked).not.toBe(busyPort);
    const handler = main.calls.ipcHandlers.get(`${IPC_INVOKE_PREFIX}overview.get`)!;
    const window = main.calls.windows[0]!;
    const overview = (await handler({ sender: { id: window.webContents.id }, senderFrame: { url: 'app://cloudsso-local/index.html', parent: null } }, undefined)) as {
      value: { Endpoints: { SCIMEndpoint: string } };
    };
    expect(overview.value.Endpoints.SCIMEndpoint).toBe(`http://127.0.0.1:${picked}/scim/v2`);
    const saved = JSON.parse(fs.readFileSync(path.join(main.userData, 'preferences.json'), 'utf8')) as { scimPort: number };
    expect(saved.scimPort).toBe(picked);
  });
});
