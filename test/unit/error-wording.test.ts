// Every refusal the core can give is worded by every face: the console in English and Chinese, the CLI and SCIM.
// The list of codes comes from the core itself, so a new code without a wording fails here (and the typed
// example below stops compiling).
import { describe, expect, it } from 'vitest';
import { CORE_MESSAGE_CODES, type CoreMessageCode, type CoreMessageParams } from '../../src-main/core/error-messages';
import { CoreError } from '../../src-main/core/errors';
import { CLI_MESSAGES } from '../../src-main/cli/error-wording';
import { SCIM_MESSAGES } from '../../src-main/scim/error-wording';
import { enCoreErrors } from '../../src-renderer/i18n/core-errors.en';
import { zhCNCoreErrors } from '../../src-renderer/i18n/core-errors.zh-CN';
import { wordCoreError } from '../../src-renderer/i18n';

/** One refusal of each kind, with its facts. */
const EXAMPLES: { [C in CoreMessageCode]: CoreMessageParams[C] } = {
  Required: { attribute: 'UserName' },
  TooLong: { attribute: 'DisplayName', max: 256, length: 300 },
  UserNameCharacters: { attribute: 'UserName' },
  GroupNameCharacters: { attribute: 'GroupName' },
  NotAString: { attribute: 'Email' },
  ControlCharacters: { attribute: 'Description' },
  EmailFormat: { attribute: 'Email', email: 'not-an-address' },
  NotAnObject: { attribute: 'User' },
  UserNameTaken: { attribute: 'UserName', userName: 'alice' },
  SynchronizedUserNameTaken: { attribute: 'UserName', userName: 'alice', userId: 'u-1' },
  UserNameImmutable: { attribute: 'UserName', stored: 'alice' },
  EmailTaken: { attribute: 'Email', email: 'a@example.com', userId: 'u-1' },
  GroupNameTaken: { attribute: 'GroupName', groupName: 'Sales' },
  UserInGroups: { userName: 'alice', count: 2 },
  GroupHasMembers: { groupName: 'Sales', count: 3 },
  NoUsersChosen: { attribute: 'UserIds' },
  NotAMember: { groupName: 'Sales', userId: 'u-1' },
  MemberNotAUser: { attribute: 'members', userId: 'u-9' },
  UserNotFound: { id: 'u-1' },
  GroupNotFound: { id: 'g-1' },
  CredentialNotFound: { id: 'scimcred-1' },
  ActivityEntryNotFound: { seq: '42' },
  CredentialLimit: { max: 2 },
  SynchronizedUser: {},
  SynchronizedGroup: {},
  SyncDisabled: {},
  RateOutOfRange: { attribute: 'ServerErrorRate' },
  WholeNumberOutOfRange: { attribute: 'LatencyMs', min: 0, max: 60000 },
  NotABoolean: { attribute: 'Paused' },
  DirectoryNameRule: { attribute: 'DirectoryName', max: 64 },
  UnknownRegion: { attribute: 'Region', regions: 'cn-shanghai, cn-hangzhou' },
  AcceleratedRegionOnly: { region: 'cn-shanghai' },
  StatusValue: { attribute: 'Status' },
  FileNotFound: { file: '/tmp/t.sqlite' },
  NotSQLite: { file: '/tmp/t.txt' },
  NotATenant: { file: '/tmp/other.sqlite' },
  TenantTooNew: { file: '/tmp/t.sqlite', version: 9, supported: 3 },
  TenantDamaged: { file: '/tmp/t.sqlite', check: 'page 3 is never used' },
  TenantUnreadable: { file: '/tmp/t.sqlite', reason: 'file is not a database' },
  NotATenantFile: { file: '/tmp', kind: 'folder' },
  TenantSchemaMismatch: { file: '/tmp/t.sqlite', version: 2, differences: 'extra trigger backdoor' },
  TenantBadValues: { file: '/tmp/t.sqlite', problems: 'users.status Bogus' },
  TenantBusy: {},
  CannotWrite: { file: '/tmp/t.sqlite' },
  SearchQueueFull: { inProgress: 9, max: 9 },
  SearchOverBudget: { budgetMs: 2000 },
  SearchUnavailable: { reason: 'the worker could not start' },
  NoScimListener: {},
  AccessKeyLimit: { max: 2 },
  AccessKeyNotFound: { id: 'LTAI5tabcdefghijklmnopqr' },
  PasswordPolicyConflict: { attribute: 'MinPasswordDifferentChars', different: 12, length: 8 },
  PasswordPolicyViolation: { attribute: 'Password', rule: 'at least one digit' },
  DirectoryNotEmpty: { users: 1, groups: 0, credentials: 2 },
  DirectoryExists: { attribute: 'DirectoryId', directoryId: 'd-00fc2p61abcd' },
};

const HAN = /[\u4e00-\u9fff]/;

describe('the wording of the core\'s refusals', () => {
  it('the examples cover exactly the core\'s codes', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...CORE_MESSAGE_CODES].sort());
  });

  describe.each(CORE_MESSAGE_CODES)('%s', (code) => {
    const error = new CoreError('InvalidValue', code, EXAMPLES[code] as never);
    const adminError = { Code: 'InvalidValue' as const, Message: error.message, MessageCode: code, Params: { ...EXAMPLES[code] } };

    it('has a console wording in English and in Chinese, every placeholder filled', () => {
      expect(enCoreErrors[code], 'en').toBeTruthy();
      expect(zhCNCoreErrors[code], 'zh-CN').toBeTruthy();
      for (const language of ['en', 'zh-CN'] as const) {
        const text = wordCoreError(language, adminError);
        expect(text, `${language}: ${text}`).not.toMatch(/\{\w+\}/);
      }
      expect(wordCoreError('zh-CN', adminError)).toMatch(HAN);
    });

    it('has a CLI wording and a SCIM wording', () => {
      expect(CLI_MESSAGES[code]?.(EXAMPLES[code] as never), 'CLI').toMatch(/\w/);
      expect(SCIM_MESSAGES[code]?.(EXAMPLES[code] as never), 'SCIM').toMatch(/\w/);
    });
  });

  it('each face names a field in its own terms', () => {
    const tooLong = { Code: 'InvalidValue' as const, Message: '', MessageCode: 'TooLong' as const, Params: { attribute: 'UserName', max: 64, length: 65 } };
    expect(wordCoreError('zh-CN', tooLong)).toContain('用户名');
    expect(wordCoreError('en', tooLong)).toContain('Username');
    expect(CLI_MESSAGES.TooLong({ attribute: 'UserName', max: 64, length: 65 })).toContain('--user-name');
    expect(SCIM_MESSAGES.TooLong({ attribute: 'UserName', max: 64, length: 65 })).toContain('userName');
  });

  it('an error the core did not word keeps its own message', () => {
    expect(wordCoreError('zh-CN', { Code: 'Internal', Message: 'Something went wrong.' })).toBe('Something went wrong.');
  });
});
