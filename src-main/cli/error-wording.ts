// The core's refusals for a person at the command line: options instead of field names, commands instead of
// console menus.
import { englishMessages, type MessageCatalogue } from '../core/error-messages';

/** The option that sets each CloudSSO field in the CLI. */
const CLI_OPTION: Record<string, string> = {
  UserName: '--user-name',
  GroupName: '--name',
  DisplayName: '--display-name',
  FirstName: '--first-name',
  LastName: '--last-name',
  Email: '--email',
  Description: '--description',
  LatencyMs: '--latency',
  RetryAfterSeconds: '--retry-after',
  ThrottleRate: '--throttle-rate',
  ServerErrorRate: '--error-rate',
  Paused: '--pause / --resume',
};

const cliName = (attribute: string) => CLI_OPTION[attribute] ?? attribute;

export const CLI_MESSAGES: MessageCatalogue = {
  ...englishMessages(cliName),
  SynchronizedUser: () =>
    'This user is synchronized from your identity provider by SCIM: while SCIM synchronization is on it cannot be changed or deleted here (`user enable` and `user disable` still work). To edit it, run `cloudsso-local sync disable` first.',
  SynchronizedGroup: () =>
    'This group is synchronized from your identity provider by SCIM: while SCIM synchronization is on it cannot be changed or deleted, and its members cannot be changed. To edit it, run `cloudsso-local sync disable` first.',
  SyncDisabled: () => 'SCIM synchronization is off for this directory. Turn it on with `cloudsso-local sync enable`.',
  // The CLI takes rates in percent, as the console shows them (the core stores a fraction).
  RateOutOfRange: (p) => `${cliName(p.attribute)} must be a percentage from 0 to 100.`,
  CredentialLimit: (p) =>
    `A directory can have at most ${p.max} SCIM credentials. Delete one with \`cloudsso-local credential delete <id>\` before creating a new one. (Emulator error code LimitExceeded.SCIMCredential.)`,
  UserInGroups: (p) =>
    `User ${p.userName} still belongs to ${p.count} group(s). Remove it from each with \`cloudsso-local group remove-member <groupId> <userId>\` before deleting it (CloudSSO rule).`,
  GroupHasMembers: (p) =>
    `Group ${p.groupName} still has ${p.count} member(s). Remove each with \`cloudsso-local group remove-member <groupId> <userId>\` before deleting it (CloudSSO rule).`,
  FileNotFound: (p) => `${p.file} does not exist (check --data).`,
  NotSQLite: (p) => `${p.file} is not a CloudSSO Local tenant (not a SQLite database); it was left untouched. Check --data.`,
  NotATenant: (p) => `${p.file} is a SQLite database but not a CloudSSO Local tenant; it was left untouched. Check --data.`,
  NotATenantFile: (p) =>
    `${p.file} is ${p.kind === 'folder' ? 'a folder' : p.kind === 'fifo' ? 'a named pipe' : 'not a regular file'}, not a tenant file. Give --data the path of a tenant file (a new one is created if it does not exist).`,
  SearchOverBudget: (p) => `The search took longer than ${p.budgetMs} ms and was stopped. Narrow it with --user-name or --prefix, which an index serves.`,
};
