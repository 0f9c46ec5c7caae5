// Keeps the documentation true: the table "What the server answers when a rule is broken" in
// docs/interoperability.md is read row by row, each request is sent, and the status and scimType must be the ones
// the row promises. The README's summary names the same answers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

const ROOT = path.resolve(__dirname, '..', '..');
const interop = fs.readFileSync(path.join(ROOT, 'docs', 'interoperability.md'), 'utf8');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Row {
  rule: string;
  method: string;
  target: string;
  body: Record<string, unknown> | undefined;
  status: number;
  scimType: string | undefined;
}

function tableRows(): Row[] {
  const table = /<!-- rules-table:start -->([\s\S]*?)<!-- rules-table:end -->/.exec(interop)?.[1];
  if (!table) throw new Error('docs/interoperability.md has no rules table between its markers');
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| rule'))
    .map((line) => {
      const [rule, request, answer] = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim()) as [string, string, string];
      const m = /^`(GET|POST|PUT|PATCH|DELETE) (\S+)(?: (.*))?`$/.exec(request);
      if (!m) throw new Error(`unreadable request cell: ${request}`);
      const codes = [...answer.matchAll(/`([^`]+)`/g)].map((c) => c[1]!);
      return { rule, method: m[1]!, target: m[2]!, body: m[3] ? (JSON.parse(m[3]) as Record<string, unknown>) : undefined, status: Number(codes[0]), scimType: codes[1] };
    });
}

describe('the rules table in docs/interoperability.md is what the server answers', () => {
  let h: ScimHarness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness();
    const user = await h.scim('POST', '/Users', userBody('taken.user', { emails: [{ value: 'taken@example.com', type: 'work', primary: true }] }));
    const group = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'taken-group' });
    ids = { user: user.body.id, group: group.body.id };
    // more users than one page holds, so the page-size row has something to cut
    await Promise.all(Array.from({ length: 101 }, (_, i) => h.scim('POST', '/Users', userBody(`page.user${i}`))));
  });
  afterAll(async () => h.close());

  const rows = tableRows();

  it('the table covers the CloudSSO rules (names, uniqueness, immutable userName, e-mail format, 501s, page size)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const answer of [[400, 'invalidValue'], [409, 'uniqueness'], [400, 'mutability'], [501, undefined]]) {
      expect(rows.some((r) => r.status === answer[0] && r.scimType === answer[1])).toBe(true);
    }
  });

  it.each(rows.map((r) => [r.rule, r] as const))('%s', async (_rule, row) => {
    const target = row.target.replace('{user}', ids.user!).replace('{group}', ids.group!);
    const body = row.body === undefined ? undefined
      : row.method === 'PATCH' ? { schemas: [PATCH_SCHEMA], ...row.body }
      : target.startsWith('/Users') ? { schemas: [USER_SCHEMA], ...row.body }
      : target.startsWith('/Groups') ? { schemas: [GROUP_SCHEMA], ...row.body }
      : row.body;
    const res = await h.scim(row.method, target, body);
    expect(res.status, res.text).toBe(row.status);
    if (row.status >= 400) {
      expect(res.body.scimType).toBe(row.scimType);
      expect(res.body.detail.length).toBeGreaterThan(10);
    }
    if (row.target.includes('count=')) expect(res.body.Resources).toHaveLength(100);
  });

  it('the README\'s summary names the same answers for the name and e-mail rules', () => {
    const names = readme.split('\n').find((line) => line.startsWith('| Names |'))!;
    for (const row of rows.filter((r) => /UserName|GroupName|E-mail/.test(r.rule) && r.status >= 400)) {
      expect(names, row.rule).toContain(`${row.status} \`${row.scimType}\``);
    }
  });
});
