import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../../src-renderer/store/route';

describe('console routes in the URL hash', () => {
  it('round-trip every page', () => {
    const routes: Route[] = [
      { page: 'overview' }, { page: 'users' }, { page: 'user', userId: 'u-abc' }, { page: 'groups' },
      { page: 'group', groupId: 'g-xyz' }, { page: 'settings', tab: 'user' }, { page: 'settings', tab: 'global' },
      { page: 'activity' }, { page: 'tools' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('falls back to the Overview for an empty, unknown or token-only hash', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'overview' });
    expect(parseRoute('#token=abc')).toEqual({ page: 'overview' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings', tab: 'user' });
    expect(parseRoute('#/users&token=abc')).toEqual({ page: 'users' });
  });
});
