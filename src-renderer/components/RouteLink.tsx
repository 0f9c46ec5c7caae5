import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { routeHash, type Route } from '../store/route';

/** A real link (href to the hash route): focusable, works with Enter, opens in a new tab on middle click. */
export function RouteLink({ to, children }: { to: Route; children: ReactNode }) {
  return <Typography.Link href={routeHash(to)}>{children}</Typography.Link>;
}
