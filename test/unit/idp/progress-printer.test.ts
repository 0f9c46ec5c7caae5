import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../../src-main/idp/cli-command';

const fakeStream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream };
};

describe('idp push progress output', () => {
  it('rewrites one line on a terminal and ends it with a newline', () => {
    const { writes, stream } = fakeStream(true);
    const p = progressPrinter(stream, Date.now() - 1000);
    p.update({ phase: 'Creating users', done: 1, total: 10, failed: 0 }, 5, true);
    p.update({ phase: 'Creating users', done: 10, total: 10, failed: 1 }, 50);
    p.end();
    const CLEAR_LINE = '\r\u001b[2K';
    expect(writes[0]!.startsWith(CLEAR_LINE)).toBe(true);
    expect(writes[0]!.slice(CLEAR_LINE.length)).toMatch(/^Creating users: 1\/10 \(10%\), 0 failed, \d+ req\/s$/);
    expect(writes[1]!.slice(CLEAR_LINE.length)).toMatch(/^Creating users: 10\/10 \(100%\), 1 failed/);
    expect(writes.at(-1)).toBe('\n');
  });

  it('writes plain lines elsewhere: one per phase and per tenth, not per request', () => {
    const { writes, stream } = fakeStream(false);
    const p = progressPrinter(stream, Date.now());
    for (let done = 0; done <= 100; done++) p.update({ phase: 'Creating users', done, total: 100, failed: 0 }, done);
    p.update({ phase: 'Creating groups', done: 100, total: 120, failed: 0 }, 100);
    p.end();
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes.filter((w) => w.startsWith('Creating users'))).toHaveLength(11);
    expect(writes.at(-1)).toMatch(/^Creating groups: 100\/120/);
  });
});
