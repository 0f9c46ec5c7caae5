import { describe, expect, it } from 'vitest';
import { checkGroupName, checkUserName } from '../../../src-main/core/directory/rules';
import { asciiToken, generateDirectory, userNameFor } from '../../../src-main/idp/directory-generator';

describe('demo directory generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateDirectory({ users: 200, groups: 20, seed: 7 });
    const b = generateDirectory({ users: 200, groups: 20, seed: 7 });
    const c = generateDirectory({ users: 200, groups: 20, seed: 8 });
    expect(b).toEqual(a);
    expect(c.users.map((u) => u.userName)).not.toEqual(a.users.map((u) => u.userName));
  });

  it('produces userNames, e-mails and group names that CloudSSO accepts, unique regardless of case', () => {
    const dir = generateDirectory({ users: 5000, groups: 300, seed: 3 });
    expect(dir.users).toHaveLength(5000);
    expect(dir.groups).toHaveLength(300);
    for (const u of dir.users) expect(() => checkUserName(u.userName)).not.toThrow();
    for (const g of dir.groups) expect(() => checkGroupName(g.displayName)).not.toThrow();
    expect(new Set(dir.users.map((u) => u.userName.toLowerCase())).size).toBe(5000);
    expect(new Set(dir.users.map((u) => u.email)).size).toBe(5000);
    expect(new Set(dir.groups.map((g) => g.displayName.toLowerCase())).size).toBe(300);
    expect(new Set(dir.users.map((u) => u.externalId)).size).toBe(5000);
    for (const u of dir.users) expect(u.externalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps display names as people write them while folding userNames to ASCII', () => {
    expect(asciiToken('José')).toBe('jose');
    expect(asciiToken('Søren')).toBe('soren');
    expect(asciiToken("O'Brien")).toBe('obrien');
    expect(asciiToken('van der Berg')).toBe('van-der-berg');
    expect(asciiToken('Łukasz')).toBe('lukasz');
    const dir = generateDirectory({ users: 2000, groups: 0, seed: 11 });
    expect(dir.users.some((u) => /[^\x20-\x7e]/.test(u.displayName))).toBe(true);
  });

  it('shortens the local part, never the domain, to stay within 64 characters', () => {
    const name = userNameFor('Maximiliana-Theodora', 'Featherstonehaugh-Cholmondeley-Worthington', 'very-long-company-domain.example.com', 12);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name.endsWith('12@very-long-company-domain.example.com')).toBe(true);
    expect(() => checkUserName(name)).not.toThrow();
  });

  it('gives every group members of varied sizes, with everyone in All-Staff', () => {
    const dir = generateDirectory({ users: 300, groups: 25, seed: 1 });
    expect(dir.groups[0]).toMatchObject({ displayName: 'All-Staff' });
    expect(dir.groups[0]!.members).toHaveLength(300);
    const sizes = dir.groups.slice(1).map((g) => g.members.length);
    expect(Math.max(...sizes)).toBeGreaterThan(Math.min(...sizes));
    for (const g of dir.groups) expect(new Set(g.members).size).toBe(g.members.length);
    // each person is in at least one team group as well
    const inTeam = new Set(dir.groups.slice(1).flatMap((g) => g.members));
    expect(inTeam.size).toBe(300);
  });
});
