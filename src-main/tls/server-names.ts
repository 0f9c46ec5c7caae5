import net from 'node:net';
import os from 'node:os';

export interface SubjectNames {
  dns: string[];
  ip: string[];
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** What the server certificate must name: every way a client on this machine (or, with --host, on the network)
 *  reaches the endpoint. Sorted and without duplicates, so two runs compare equal. */
export function serverNames(host: string, hostname = os.hostname()): SubjectNames {
  const dns = new Set(['localhost']);
  const ip = new Set(['127.0.0.1', '::1']);
  if (hostname && !net.isIP(hostname)) dns.add(hostname.toLowerCase());
  if (!WILDCARD.has(host)) (net.isIP(host) ? ip : dns).add(net.isIP(host) ? normalizeIp(host) : host.toLowerCase());
  return { dns: [...dns].sort(), ip: [...ip].sort() };
}

/** One spelling per address (::1 and 0:0:0:0:0:0:0:1 are the same), as certificates store raw bytes. */
export function normalizeIp(address: string): string {
  if (net.isIPv4(address)) return address;
  const list = new net.BlockList();
  list.addAddress(address, 'ipv6');
  // BlockList keeps the parsed form; its rules print it back in canonical text.
  return /Address: IPv6 (\S+)/.exec(list.rules[0] ?? '')?.[1] ?? address.toLowerCase();
}

export const sameNames = (a: SubjectNames, b: SubjectNames): boolean => a.dns.join() === b.dns.join() && a.ip.join() === b.ip.join();
