import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { translate, type MessageKey } from '../../../src-renderer/i18n';

// `{name}` and the variable of a plural block `{count, plural, …}`
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();

describe('English and Simplified Chinese', () => {
  it('use the same placeholders in every message', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('translate every message (only names and symbols may stay the same)', () => {
    const untranslated = (Object.keys(en) as MessageKey[]).filter((key) => zhCN[key] === en[key] && /[a-z]{3,}/.test(en[key]) && !/^(CloudSSO Local|User Agent|Retry-After.*|AccessKey ID|AccessKey Secret|OpenAPI)$/.test(en[key]));
    expect(untranslated).toEqual([]);
  });

  it('use CloudSSO console terms', () => {
    expect(translate('en', 'settings.scim.section')).toBe('SCIM-based User Synchronization Configuration');
    expect(translate('zh-CN', 'settings.scim.section')).toBe('基于SCIM的用户同步配置');
    expect(translate('zh-CN', 'settings.tab.user')).toBe('用户设置');
    expect(translate('zh-CN', 'settings.credentials.generate')).toBe('生成新的SCIM凭证');
    expect(translate('en', 'source.Synchronized')).toBe('SCIM Synchronization');
    expect(translate('zh-CN', 'source.Synchronized')).toBe('SCIM同步');
  });

  it('fills placeholders', () => {
    expect(translate('en', 'settings.credentials.count', { count: 1, max: 2 })).toBe('1 of 2 credentials');
    expect(translate('zh-CN', 'users.deleted', { name: 'alice' })).toBe('用户 alice 已删除。');
  });

  it('count with each language\'s plural rules', () => {
    expect(translate('en', 'overview.drift', { count: 1 })).toBe('1 drifted object');
    expect(translate('en', 'overview.drift', { count: 0 })).toBe('0 drifted objects');
    expect(translate('en', 'overview.drift', { count: 2 })).toBe('2 drifted objects');
    expect(translate('en', 'groups.addUsers.done', { count: 1, name: 'Finance' })).toBe('1 user added to Finance.');
    expect(translate('en', 'groups.addUsers.done', { count: 3, name: 'Finance' })).toBe('3 users added to Finance.');
    expect(translate('zh-CN', 'overview.drift', { count: 1 })).toBe('1 个对象存在漂移');
  });

  it('words every count in English with plural forms, not a fixed plural noun', () => {
    // "{count} users" reads "1 users": a counted noun must go through {count, plural, …}
    const fixedPlurals = (Object.keys(en) as MessageKey[]).filter((key) => /\{count\} [a-z ]*?[a-z]+s\b/.test(en[key]) && !/\{count\} (in total|of)/.test(en[key]));
    expect(fixedPlurals).toEqual([]);
  });
});
