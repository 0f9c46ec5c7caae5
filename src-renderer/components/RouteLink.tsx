import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { routeHash, type Route } from '../store/route';

interface RouteLinkProps {
  to: Route;
  children: ReactNode;
  className?: string;
  /** The full text, for a link that may be cut with an ellipsis. */
  title?: string;
}

/** A real link (href to the hash route): focusable, works with Enter, opens in a new tab on middle click. */
export function RouteLink({ to, children, className, title }: RouteLinkProps) {
  return <Typography.Link href={routeHash(to)} className={className} title={title}>{children}</Typography.Link>;
}
