// A small hash router: the console is one page served from a file or loopback URL, so the hash is the only
// part of the address that is ours. Routes: #/overview, #/users, #/users/<UserId>, #/groups, #/groups/<GroupId>,
// #/settings/user, #/settings/global, #/activity, #/tools.
import { create } from 'zustand';

export type Route =
  | { page: 'overview' }
  | { page: 'users' }
  | { page: 'user'; userId: string }
  | { page: 'groups' }
  | { page: 'group'; groupId: string }
  | { page: 'settings'; tab: 'user' | 'global' }
  | { page: 'activity' }
  | { page: 'tools' };

export function parseRoute(hash: string): Route {
  // `#/users&token=…` (a console URL that names a page) routes to the page; the token is not part of the route.
  const path = hash.replace(/^#\/?/, '').split(/[&?]/)[0];
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'users':
      return parts[1] ? { page: 'user', userId: parts[1] } : { page: 'users' };
    case 'groups':
      return parts[1] ? { page: 'group', groupId: parts[1] } : { page: 'groups' };
    case 'settings':
      return { page: 'settings', tab: parts[1] === 'global' ? 'global' : 'user' };
    case 'activity':
      return { page: 'activity' };
    case 'tools':
      return { page: 'tools' };
    default:
      return { page: 'overview' };
  }
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'user':
      return `#/users/${encodeURIComponent(route.userId)}`;
    case 'group':
      return `#/groups/${encodeURIComponent(route.groupId)}`;
    case 'settings':
      return `#/settings/${route.tab}`;
    default:
      return `#/${route.page}`;
  }
}

interface RouteState {
  route: Route;
  navigate(route: Route): void;
}

export const useRoute = create<RouteState>(() => ({
  route: typeof window === 'undefined' ? { page: 'overview' } : parseRoute(window.location.hash),
  navigate(route) {
    window.location.hash = routeHash(route);
  },
}));

export function followHashChanges(): () => void {
  const sync = () => useRoute.setState({ route: parseRoute(window.location.hash) });
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}

export function navigate(route: Route): void {
  useRoute.getState().navigate(route);
}
