import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultTenantPath } from '../app-paths';
import { Tenant, type TenantRole } from '../core/tenant';
import type { FaultSettings, Status, User, Group } from '../core/types';
import { CliError } from './failure';
import { fields, print, table } from './output';

export type Opts = { data?: string; json?: boolean };

/** Runs one command against the tenant file (a running server sees the change on its next request). `role`
 *  'read' opens it read-only: a command that only reads works on a tenant in a read-only folder too. */
export function withTenant<T extends Opts>(action: (tenant: Tenant, opts: T, ...args: string[]) => void | Promise<void>, role: TenantRole = 'command') {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const opts = command.optsWithGlobals<T>();
    const positional = args.slice(0, -2).map(String);
    const tenant = Tenant.open(opts.data ?? defaultTenantPath(), role);
    try {
      await action(tenant, opts, ...positional);
    } finally {
      tenant.close();
    }
  };
}

export const readTenant = <T extends Opts>(action: (tenant: Tenant, opts: T, ...args: string[]) => void | Promise<void>) => withTenant<T>(action, 'read');

export const common = (c: Command) => c.option('--data <file>', 'tenant file (default: the per-user data folder)').option('--json', 'print JSON with CloudSSO API field names');
const userRow = (u: User) => ({ UserId: u.UserId, UserName: u.UserName, DisplayName: u.DisplayName, Email: u.Email, Status: u.Status, ProvisionType: u.ProvisionType, Locked: u.Locked });
const groupRow = (g: Group) => ({ GroupId: g.GroupId, GroupName: g.GroupName, MemberCount: g.MemberCount, ProvisionType: g.ProvisionType, Locked: g.Locked });
const nonNegative = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
};
/** Rates are typed in percent, as the console shows them; the core stores a share from 0 to 1. */
const percent = (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a percentage from 0 to 100 (5 means 5%)');
  return n;
};
const asPercent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const faultLines = (f: FaultSettings) =>
  fields({ LatencyMs: f.LatencyMs, ThrottleRate: asPercent(f.ThrottleRate), RetryAfterSeconds: f.RetryAfterSeconds, ServerErrorRate: asPercent(f.ServerErrorRate), Paused: f.Paused });

export function registerTenantCommands(program: Command): void {
  const sync = program.command('sync').description('the SCIM synchronization switch');
  for (const [name, status] of [['status', null], ['enable', 'Enabled'], ['disable', 'Disabled']] as const) {
    common(sync.command(name).description(status ? `turn SCIM synchronization ${status === 'Enabled' ? 'on' : 'off'}` : 'show the switch')).action(
      (status ? withTenant : readTenant)((t, o) => {
        const s = status ? t.settings.setSync(status) : t.settings.sync();
        const drift = t.drift.count();
        print({ ...s, DriftCount: drift }, o, () => `SCIM synchronization: ${s.SCIMSynchronizationStatus}${drift && s.SCIMSynchronizationStatus === 'Enabled' ? `\nWarning: ${drift} synchronized object(s) were changed while sync was off; the IdP's next push may roll them back or re-create them.` : ''}`);
      }),
    );
  }

  const accelerated = program.command('accelerated').description('the accelerated SCIM endpoint (cn-shanghai directories)');
  for (const [name, status] of [['enable', 'Enabled'], ['disable', 'Disabled']] as const) {
    common(accelerated.command(name).description(`turn the accelerated SCIM endpoint ${status === 'Enabled' ? 'on' : 'off'}`)).action(
      withTenant((t, o) => {
        const s = t.settings.setAccelerated(status);
        print(s, o, () => `SCIM Endpoint (Accelerated): ${s.AcceleratedEndpointStatus}`);
      }),
    );
  }

  const credential = program.command('credential').description('SCIM credentials (at most 2)');
  common(credential.command('create').description('generate a SCIM credential; the secret is printed once')).action(
    withTenant((t, o) => {
      const c = t.credentials.create();
      print(c, o, () => `${fields(c)}\n\nCopy the CredentialSecret now: it will not be shown again.`);
    }),
  );
  common(credential.command('list').description('list the SCIM credentials (never their secrets)')).action(readTenant((t, o) => {
    const list = t.credentials.list();
    print(list, o, () => table(list.map((c) => ({ ...c, ExpiryWarning: c.ExpiryWarning ? `expires in ${c.DaysToExpire} days` : '', UsedBy: c.DemoIdP ? 'demo IdP (temporary)' : '' })), ['CredentialId', 'Status', 'CreateTime', 'ExpireTime', 'ExpiryWarning', 'UsedBy']));
  }));
  for (const [name, status] of [['enable', 'Enabled'], ['disable', 'Disabled']] as const) {
    common(credential.command(`${name} <id>`).description(`${name} a SCIM credential (a disabled one is answered 401)`)).action(withTenant((t, o, id) => {
      const c = t.credentials.setStatus(id!, status);
      print(c, o, () => `${c.CredentialId}: ${c.Status}`);
    }));
  }
  common(credential.command('delete <id>').description('delete a SCIM credential for good')).action(withTenant((t, o, id) => {
    t.credentials.delete(id!);
    print({ CredentialId: id, Deleted: true }, o, () => `Deleted ${id}.`);
  }));

  const user = program.command('user').description('list, create, change and delete users');
  common(user.command('list').description('list users, 50 at a time (see --offset, --limit)'))
    .option('--user-name <name>', 'exact UserName')
    .option('--prefix <text>', 'UserName starts with')
    .option('--search <text>', 'free text over UserName, DisplayName, Email')
    .addOption(new Option('--source <source>', 'Manual or Synchronized').choices(['Manual', 'Synchronized']))
    .option('--offset <n>', 'skip n users', nonNegative, 0)
    .option('--limit <n>', 'at most n users', nonNegative, 50)
    .action(readTenant<Opts & { userName?: string; prefix?: string; search?: string; source?: 'Manual' | 'Synchronized'; offset: number; limit: number }>((t, o) => {
      const page = t.users.list({ UserNameEq: o.userName, UserNamePrefix: o.prefix, Text: o.search, ProvisionType: o.source, Offset: o.offset, Limit: o.limit });
      print(page, o, () => `${table(page.Items.map(userRow), Object.keys(userRow(page.Items[0] ?? ({} as User))))}\n${page.Items.length} of ${page.TotalCount} user(s)`);
    }));
  common(user.command('get <id>').description('show one user and the groups it belongs to')).action(readTenant((t, o, id) => {
    const u = t.users.get(id!);
    print({ ...u, Groups: t.groups.groupsOfUser(id!) }, o, () => fields(u));
  }));
  const userFields = (c: Command) =>
    c
      .option('--display-name <text>', 'DisplayName (at most 256 characters)')
      .option('--email <address>', 'Email, unique in the directory')
      .option('--first-name <text>', 'FirstName (at most 64 characters)')
      .option('--last-name <text>', 'LastName (at most 64 characters)')
      .option('--description <text>', 'Description (at most 1024 characters)');
  type UserFieldOpts = Opts & { userName?: string; displayName?: string; email?: string; firstName?: string; lastName?: string; description?: string };
  const pick = (o: UserFieldOpts) =>
    Object.fromEntries(
      Object.entries({ DisplayName: o.displayName, Email: o.email, FirstName: o.firstName, LastName: o.lastName, Description: o.description }).filter(([, v]) => v !== undefined),
    );
  userFields(common(user.command('create').description('create a user by hand (Manual, never locked)').requiredOption('--user-name <name>', 'UserName: letters, digits and @ _ - . (at most 64; cannot be changed later)'))).action(
    withTenant<UserFieldOpts>((t, o) => {
      const u = t.users.create({ UserName: o.userName!, ...pick(o) });
      print(u, o, () => `Created ${u.UserName} (${u.UserId}).`);
    }),
  );
  userFields(common(user.command('update <id>').description('change a user\'s fields (not its UserName)'))).action(withTenant<UserFieldOpts>((t, o, id) => {
    const change = pick(o);
    if (Object.keys(change).length === 0) throw new CliError('Nothing to update: give at least one of --display-name, --email, --first-name, --last-name, --description.');
    const u = t.users.update(id!, change);
    print(u, o, () => `Updated ${u.UserName}.`);
  }));
  for (const [name, status] of [['enable', 'Enabled'], ['disable', 'Disabled']] as [string, Status][]) {
    common(user.command(`${name} <id>`).description(`${name} a user (allowed even while it is locked by sync)`)).action(withTenant((t, o, id) => {
      const u = t.users.setStatus(id!, status);
      print(u, o, () => `${u.UserName}: ${u.Status}`);
    }));
  }
  common(user.command('delete <id>').description('delete a user (it must belong to no group)')).action(withTenant((t, o, id) => {
    t.users.delete(id!);
    print({ UserId: id, Deleted: true }, o, () => `Deleted ${id}.`);
  }));

  const group = program.command('group').description('list, create, change and delete groups and their members');
  common(group.command('list').description('list groups, 50 at a time (see --offset, --limit)'))
    .option('--name <name>', 'exact GroupName')
    .option('--prefix <text>', 'GroupName starts with')
    .option('--offset <n>', 'skip n groups', nonNegative, 0)
    .option('--limit <n>', 'at most n groups', nonNegative, 50)
    .action(readTenant<Opts & { name?: string; prefix?: string; offset: number; limit: number }>((t, o) => {
      const page = t.groups.list({ GroupNameEq: o.name, GroupNamePrefix: o.prefix, Offset: o.offset, Limit: o.limit });
      print(page, o, () => `${table(page.Items.map(groupRow), ['GroupId', 'GroupName', 'MemberCount', 'ProvisionType', 'Locked'])}\n${page.Items.length} of ${page.TotalCount} group(s)`);
    }));
  common(group.command('get <id>').description('show one group and its members')).action(readTenant((t, o, id) => {
    const g = t.groups.get(id!);
    const members = t.groups.members(id!, { Limit: 1000 });
    print({ ...g, Members: members.Items }, o, () => `${fields(g)}\n\nMembers:\n${table(members.Items as never[], ['UserId', 'UserName', 'JoinTime'])}`);
  }));
  common(group.command('create').description('create a group by hand (Manual, never locked)').requiredOption('--name <name>', 'GroupName: letters, digits and _ - . (at most 128)').option('--description <text>', 'Description (at most 1024 characters)')).action(
    withTenant<Opts & { name: string; description?: string }>((t, o) => {
      const g = t.groups.create({ GroupName: o.name, Description: o.description });
      print(g, o, () => `Created ${g.GroupName} (${g.GroupId}).`);
    }),
  );
  common(group.command('update <id>').description('rename a group or change its description').option('--name <name>', 'new GroupName').option('--description <text>', 'new Description')).action(
    withTenant<Opts & { name?: string; description?: string }>((t, o, id) => {
      if (o.name === undefined && o.description === undefined) throw new CliError('Nothing to update: give --name or --description.');
      const g = t.groups.update(id!, { ...(o.name !== undefined ? { GroupName: o.name } : {}), ...(o.description !== undefined ? { Description: o.description } : {}) });
      print(g, o, () => `Updated ${g.GroupName}.`);
    }),
  );
  common(group.command('delete <id>').description('delete a group (it must have no members)')).action(withTenant((t, o, id) => {
    t.groups.delete(id!);
    print({ GroupId: id, Deleted: true }, o, () => `Deleted ${id}.`);
  }));
  common(group.command('add-member <groupId> <userId>').description('add a user to a group')).action(withTenant((t, o, gid, uid) => {
    const g = t.groups.addMembers(gid!, [uid!]);
    print(g, o, () => `${g.GroupName} now has ${g.MemberCount} member(s).`);
  }));
  common(group.command('remove-member <groupId> <userId>').description('remove a user from a group')).action(withTenant((t, o, gid, uid) => {
    const g = t.groups.removeMember(gid!, uid!);
    print(g, o, () => `${g.GroupName} now has ${g.MemberCount} member(s).`);
  }));

  const faults = program.command('faults').description('make the SCIM endpoint misbehave on purpose, to test an IdP');
  common(faults.command('show').description('show the fault injection settings')).action(readTenant((t, o) => {
    const f = t.faults.get();
    print(f, o, () => faultLines(f));
  }));
  common(faults.command('set').description('change some fault injection settings (the others stay as they are)'))
    .option('--latency <ms>', 'added to every answer', nonNegative)
    .option('--throttle-rate <percent>', 'percentage of requests answered 429 with Retry-After (0–100)', percent)
    .option('--retry-after <seconds>', 'Retry-After on 429 and paused answers', nonNegative)
    .option('--error-rate <percent>', 'percentage of requests answered 500/503 (0–100)', percent)
    .option('--pause', 'answer every request 503')
    .option('--resume', 'stop pausing')
    .action(withTenant<Opts & { latency?: number; throttleRate?: number; retryAfter?: number; errorRate?: number; pause?: boolean; resume?: boolean }>((t, o) => {
      const f = t.faults.set({
        ...(o.latency !== undefined ? { LatencyMs: o.latency } : {}),
        ...(o.throttleRate !== undefined ? { ThrottleRate: o.throttleRate / 100 } : {}),
        ...(o.retryAfter !== undefined ? { RetryAfterSeconds: o.retryAfter } : {}),
        ...(o.errorRate !== undefined ? { ServerErrorRate: o.errorRate / 100 } : {}),
        ...(o.pause ? { Paused: true } : o.resume ? { Paused: false } : {}),
      });
      print(f, o, () => faultLines(f));
    }));
  common(faults.command('off').description('turn every fault off')).action(withTenant((t, o) => {
    const f = t.faults.set({ LatencyMs: 0, ThrottleRate: 0, ServerErrorRate: 0, Paused: false });
    print(f, o, () => 'Fault injection is off.');
  }));
}
