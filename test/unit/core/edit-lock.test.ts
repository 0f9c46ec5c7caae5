import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../src-main/core/errors';
import { Tenant } from '../../../src-main/core/tenant';
import { scimUser } from './fixtures';

const lockedError = (fn: () => unknown): CoreError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected the edit lock to refuse this');
};

describe('the edit lock (CloudSSO: synchronized objects are read-only in the console while sync is on)', () => {
  let dir: string;
  let t: Tenant;
  let synced: string;
  let manual: string;
  let syncedGroup: string;
  let manualGroup: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-lock-'));
    t = Tenant.open(path.join(dir, 't.sqlite'));
    synced = t.users.scimCreate(scimUser('synced')).user.UserId;
    manual = t.users.create({ UserName: 'manual' }).UserId;
    syncedGroup = t.groups.scimCreate({ GroupName: 'synced-group', ExternalId: null, Scim: {}, Members: [synced] }).GroupId;
    manualGroup = t.groups.create({ GroupName: 'manual-group' }).GroupId;
    t.settings.setSync('Enabled');
  });
  afterEach(() => {
    t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every listed object says whether it is locked and why', () => {
    const users = t.users.list().Items;
    const s = users.find((u) => u.UserId === synced)!;
    const m = users.find((u) => u.UserId === manual)!;
    expect(s).toMatchObject({ ProvisionType: 'Synchronized', Locked: true, LockReasonCode: 'SynchronizedUser' });
    expect(s.LockReason).toMatch(/SCIM synchronization/);
    expect(s.LockReason).toMatch(/Reset Password/);
    expect(m).toMatchObject({ ProvisionType: 'Manual', Locked: false, LockReason: null, LockReasonCode: null });
    const groups = t.groups.list().Items;
    expect(groups.find((g) => g.GroupId === syncedGroup)).toMatchObject({ Locked: true, LockReason: expect.stringMatching(/cannot be added to or removed/), LockReasonCode: 'SynchronizedGroup' });
    expect(groups.find((g) => g.GroupId === manualGroup)).toMatchObject({ Locked: false, LockReason: null, LockReasonCode: null });
  });

  it('refuses to edit or delete a synchronized user, with the reason', () => {
    const e = lockedError(() => t.users.update(synced, { DisplayName: 'edited' }));
    expect(e.code).toBe('Locked');
    expect(e.message).toMatch(/turn off SCIM synchronization/);
    expect(lockedError(() => t.users.delete(synced)).code).toBe('Locked');
    expect(t.users.get(synced).DisplayName).toBe('Display synced');
  });

  it('still allows a synchronized user\'s Status switch and password reset', () => {
    expect(t.users.setStatus(synced, 'Disabled').Status).toBe('Disabled');
    expect(t.users.setStatus(synced, 'Enabled').Status).toBe('Enabled');
    t.users.setPasswordHash(synced, 'scrypt$test');
    const row = t.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(synced) as { password_hash: string };
    expect(row.password_hash).toBe('scrypt$test');
  });

  it('refuses to edit, delete or change the members of a synchronized group', () => {
    expect(lockedError(() => t.groups.update(syncedGroup, { Description: 'x' })).code).toBe('Locked');
    expect(lockedError(() => t.groups.delete(syncedGroup)).code).toBe('Locked');
    expect(lockedError(() => t.groups.addMembers(syncedGroup, [manual])).code).toBe('Locked');
    expect(lockedError(() => t.groups.removeMember(syncedGroup, synced)).code).toBe('Locked');
    expect(t.groups.get(syncedGroup).MemberCount).toBe(1);
  });

  it('leaves manual users and groups fully editable, including adding a synchronized user to a manual group', () => {
    expect(t.users.update(manual, { DisplayName: 'edited' }).DisplayName).toBe('edited');
    expect(t.groups.update(manualGroup, { Description: 'd' }).Description).toBe('d');
    expect(t.groups.addMembers(manualGroup, [synced, manual]).MemberCount).toBe(2);
    expect(t.groups.removeMember(manualGroup, synced).MemberCount).toBe(1);
  });

  it('lifts the lock while sync is off', () => {
    t.settings.setSync('Disabled');
    expect(t.users.get(synced)).toMatchObject({ Locked: false, LockReason: null });
    expect(t.users.update(synced, { DisplayName: 'off edit' }).DisplayName).toBe('off edit');
    expect(t.groups.addMembers(syncedGroup, [manual]).MemberCount).toBe(2);
    expect(t.groups.removeMember(syncedGroup, manual).MemberCount).toBe(1);
    t.settings.setSync('Enabled');
    expect(t.users.get(synced).Locked).toBe(true);
  });

  it('keeps CloudSSO\'s delete preconditions: a user in a group, a group with members', () => {
    t.settings.setSync('Disabled');
    expect(lockedError(() => t.users.delete(synced)).code).toBe('Precondition');
    expect(lockedError(() => t.groups.delete(syncedGroup)).code).toBe('Precondition');
    t.groups.removeMember(syncedGroup, synced);
    t.groups.delete(syncedGroup);
    t.users.delete(synced);
    expect(() => t.users.get(synced)).toThrow(/does not exist/);
  });
});

describe('drift: synchronized objects changed while sync was off', () => {
  let dir: string;
  let t: Tenant;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-drift-'));
    t = Tenant.open(path.join(dir, 't.sqlite'));
  });
  afterEach(() => {
    t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks an edit of a synchronized user made while sync is off, and the IdP\'s next write clears it', () => {
    const id = t.users.scimCreate(scimUser('drifter')).user.UserId;
    expect(t.users.get(id).Drift).toBeNull();
    t.users.update(id, { DisplayName: 'local edit' });
    expect(t.users.get(id).Drift).toBe('Modified');
    expect(t.drift.list()).toEqual([expect.objectContaining({ ResourceType: 'User', ResourceId: id, Name: 'drifter', Change: 'Modified' })]);
    expect(t.statistics().DriftCount).toBe(1);
    t.settings.setSync('Enabled');
    t.users.scimReplace(id, scimUser('drifter'));
    expect(t.users.get(id).Drift).toBeNull();
    expect(t.drift.count()).toBe(0);
    expect(t.users.get(id).DisplayName).toBe('Display drifter');
  });

  it('marks a Status switch of a synchronized user while sync is off', () => {
    const id = t.users.scimCreate(scimUser('status.drift')).user.UserId;
    t.users.setStatus(id, 'Disabled');
    expect(t.users.get(id).Drift).toBe('Modified');
  });

  it('marks a deletion, and a re-creation by SCIM POST clears it', () => {
    const id = t.users.scimCreate(scimUser('deleted.drift')).user.UserId;
    t.users.delete(id);
    expect(t.drift.list()).toEqual([expect.objectContaining({ ResourceType: 'User', Name: 'deleted.drift', Change: 'Deleted' })]);
    t.users.scimCreate(scimUser('Deleted.Drift'));
    expect(t.drift.count()).toBe(0);
  });

  it('marks group edits and membership changes, cleared by the IdP\'s next group write', () => {
    const u = t.users.create({ UserName: 'm1' }).UserId;
    const g = t.groups.scimCreate({ GroupName: 'drift-group', ExternalId: null, Scim: {} }).GroupId;
    t.groups.addMembers(g, [u]);
    expect(t.groups.get(g).Drift).toBe('Modified');
    t.groups.scimChangeMembers(g, [{ remove: [u] }]);
    expect(t.groups.get(g).Drift).toBeNull();
    t.groups.update(g, { Description: 'x' });
    expect(t.drift.count()).toBe(1);
    t.groups.scimReplace(g, { GroupName: 'drift-group', ExternalId: null, Scim: {} });
    expect(t.drift.count()).toBe(0);
  });

  it('does not mark manual objects, nor anything changed while sync is on', () => {
    const m = t.users.create({ UserName: 'plain' }).UserId;
    t.users.update(m, { DisplayName: 'x' });
    expect(t.drift.count()).toBe(0);
    const s = t.users.scimCreate(scimUser('synced.on')).user.UserId;
    t.settings.setSync('Enabled');
    t.users.setStatus(s, 'Disabled');
    expect(t.drift.count()).toBe(0);
  });
});
