import type { Command } from 'commander';
import { fields, print, table } from './output';
import { common, withTenant } from './tenant-commands';

/** AccessKeys of the local account, for CloudSSO's OpenAPI (SDKs, the aliyun CLI, Terraform). */
export function registerAccessKeyCommands(program: Command): void {
  const accesskey = program.command('accesskey').description("AccessKey pairs for CloudSSO's OpenAPI (at most 2)");
  common(accesskey.command('create').description('create an AccessKey pair; the secret is printed once')).action(
    withTenant((t, o) => {
      const k = t.accessKeys.create();
      print(k, o, () => `${fields(k)}\n\nCopy the AccessKeySecret now: it will not be shown again.`);
    }),
  );
  common(accesskey.command('list').description('list the AccessKey pairs (never their secrets)')).action(
    withTenant((t, o) => {
      const list = t.accessKeys.list();
      print(list, o, () => table(list.map((k) => ({ ...k, Usable: k.Usable ? '' : 'no: created on another machine' })), ['AccessKeyId', 'Status', 'CreateTime', 'LastUsedTime', 'Usable']));
    }),
  );
  for (const [name, status] of [['enable', 'Enabled'], ['disable', 'Disabled']] as const) {
    common(accesskey.command(`${name} <id>`).description(`${name} an AccessKey pair (calls signed with a disabled one are refused)`)).action(
      withTenant((t, o, id) => {
        const k = t.accessKeys.setStatus(id!, status);
        print(k, o, () => `${k.AccessKeyId}: ${k.Status}`);
      }),
    );
  }
  common(accesskey.command('delete <id>').description('delete an AccessKey pair for good')).action(
    withTenant((t, o, id) => {
      t.accessKeys.delete(id!);
      print({ AccessKeyId: id, Deleted: true }, o, () => `Deleted ${id}.`);
    }),
  );
}
