import { describe, expect, it } from 'vitest';
import { forgetTenant, MAX_RECENT_TENANTS, parsePreferences, rememberTenant } from '../../src-main/electron/preferences';

describe('preferences', () => {
  it('start empty when nothing (or nonsense) is stored', () => {
    expect(parsePreferences(undefined)).toEqual({ recentTenants: [] });
    expect(parsePreferences({ recentTenants: 'x', scimPort: 'eighty' })).toEqual({ recentTenants: [] });
    expect(parsePreferences({ recentTenants: ['/a.sqlite', 3, ''], scimPort: 70000 })).toEqual({ recentTenants: ['/a.sqlite'] });
  });

  it('keep a port chosen after a conflict', () => {
    expect(parsePreferences({ recentTenants: [], scimPort: 8711, acceleratedPort: 8712 })).toEqual({ recentTenants: [], scimPort: 8711, acceleratedPort: 8712 });
  });

  it('put the tenant just opened at the top of Open Recent, without duplicates', () => {
    let preferences = parsePreferences({ recentTenants: ['/t/a.sqlite', '/t/b.sqlite'] });
    preferences = rememberTenant(preferences, '/t/b.sqlite');
    expect(preferences.recentTenants).toEqual(['/t/b.sqlite', '/t/a.sqlite']);
    preferences = rememberTenant(preferences, '/t/c.sqlite');
    expect(preferences.recentTenants).toEqual(['/t/c.sqlite', '/t/b.sqlite', '/t/a.sqlite']);
  });

  it(`remember at most ${MAX_RECENT_TENANTS} tenants, dropping the oldest`, () => {
    let preferences = parsePreferences(undefined);
    for (let index = 0; index < MAX_RECENT_TENANTS + 3; index++) preferences = rememberTenant(preferences, `/t/${index}.sqlite`);
    expect(preferences.recentTenants).toHaveLength(MAX_RECENT_TENANTS);
    expect(preferences.recentTenants[0]).toBe(`/t/${MAX_RECENT_TENANTS + 2}.sqlite`);
    expect(preferences.recentTenants).not.toContain('/t/0.sqlite');
  });

  it('drop a tenant that could not be opened', () => {
    expect(forgetTenant(parsePreferences({ recentTenants: ['/a', '/b'] }), '/a').recentTenants).toEqual(['/b']);
  });
});
