'use strict';
// Seeds a tenant through the core's own schema (Tenant.open runs the migrations), then writes users, e-mails,
// groups and memberships with plain SQL in one transaction: 100,000 users take seconds, not the minutes
// that provisioning them over SCIM would. The benchmark then checks the counts over SCIM.
const crypto = require('node:crypto');
const path = require('node:path');

const DIST = path.join(__dirname, '..', '..', 'dist', 'main');

const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Zoe', 'Ethan', 'Lucas', 'Emma', 'Wei', 'Jing', 'Hao', 'Yu', 'Ming', 'Xin', 'Lei', 'Fang',
  'Sofia', 'Mateo', 'Aisha', 'Omar', 'Priya', 'Arjun', 'Hana', 'Kenji', 'Sara', 'Jonas', 'Elif', 'Mehmet', 'Olga', 'Ivan', 'Chloe', 'Leo'];
const LAST = ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Smith', 'Garcia', 'Muller', 'Rossi', 'Kim',
  'Sato', 'Novak', 'Silva', 'Khan', 'Patel', 'Nguyen', 'Cohen', 'Dubois', 'Jensen', 'Kowalski', 'Popescu', 'Yilmaz', 'Ivanova'];
const DEPARTMENTS = ['Engineering', 'Finance', 'Sales', 'Support', 'Legal', 'Marketing', 'Operations', 'Research'];

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
function id(prefix) {
  const bytes = crypto.randomBytes(20);
  let s = prefix;
  for (const b of bytes) s += ALPHABET[b % 36];
  return s;
}

/** The n-th seeded user, deterministic so the load generator can rebuild what it needs. */
function userAt(i) {
  const given = FIRST[i % FIRST.length];
  const family = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const userName = `${given}.${family}.${String(i).padStart(6, '0')}@contoso.example`.toLowerCase();
  return { given, family, userName, email: userName, externalId: `00u${String(i).padStart(9, '0')}`, department: DEPARTMENTS[i % DEPARTMENTS.length] };
}

/**
 * @param {string} file tenant file (must not exist)
 * @param {{users: number, groups: number, groupSize: number, bigGroupSize: number, sampleSize: number}} o
 */
function seedTenant(file, o) {
  const { Tenant } = require(path.join(DIST, 'core', 'tenant.js'));
  const tenant = Tenant.open(file);
  const credential = tenant.credentials.create();
  // for the OpenAPI scenarios: the pair the load generator signs with (its secret sealed beside the tenant file)
  const accessKey = tenant.accessKeys.create();
  const directoryId = tenant.settings.directory().DirectoryId;
  tenant.settings.setSync('Enabled');
  const db = tenant.db;
  const started = process.hrtime.bigint();
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const userIds = new Array(o.users);
  const groupIds = [];
  const groupNames = [];
  db.transaction(() => {
    const insertUser = db.prepare(
      `INSERT INTO users (seq, id, user_name, first_name, last_name, display_name, email, status, provision_type, external_id, scim, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Synchronized', ?, ?, ?, ?)`,
    );
    const insertEmail = db.prepare('INSERT INTO user_emails (user_seq, value, type, is_primary) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < o.users; i++) {
      const u = userAt(i);
      const uid = id('u-');
      userIds[i] = uid;
      const at = new Date(base + i * 1000).toISOString();
      const active = i % 50 !== 49;
      const emails = [{ value: u.email, type: 'work', primary: true }];
      if (i % 3 === 0) emails.push({ value: `${u.given}.${u.family}.${i}@home.example`.toLowerCase(), type: 'home', primary: false });
      const scim = {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        userName: u.userName,
        externalId: u.externalId,
        name: { givenName: u.given, familyName: u.family },
        displayName: `${u.given} ${u.family}`,
        emails,
        active,
        title: i % 10 === 0 ? 'Manager' : 'Engineer',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: u.department, employeeNumber: String(100000 + i) },
      };
      insertUser.run(i + 1, uid, u.userName, u.given, u.family, `${u.given} ${u.family}`, u.email, active ? 'Enabled' : 'Disabled', u.externalId, JSON.stringify(scim), at, at);
      for (const e of emails) insertEmail.run(i + 1, e.value, e.type, e.primary ? 1 : 0);
    }
    const insertGroup = db.prepare(
      `INSERT INTO groups (seq, id, name, provision_type, external_id, scim, created_at, updated_at) VALUES (?, ?, ?, 'Synchronized', ?, ?, ?, ?)`,
    );
    const insertMember = db.prepare('INSERT OR IGNORE INTO memberships (group_seq, user_seq, joined_at) VALUES (?, ?, ?)');
    const at = new Date(base).toISOString();
    for (let g = 0; g < o.groups + 1; g++) {
      const big = g === o.groups;
      const name = big ? 'All-Staff' : `${DEPARTMENTS[g % DEPARTMENTS.length]}-Team-${String(g).padStart(4, '0')}`;
      const gid = id('g-');
      groupIds.push(gid);
      groupNames.push(name);
      insertGroup.run(g + 1, gid, name, `grp-${g}`, JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: name, externalId: `grp-${g}` }), at, at);
      if (big) for (let i = 0; i < o.bigGroupSize; i++) insertMember.run(g + 1, i + 1, at);
      else for (let k = 0; k < o.groupSize; k++) insertMember.run(g + 1, 1 + ((g * 7919 + k * 104729) % o.users), at);
    }
  }).immediate();
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  tenant.close();

  // What the load generator needs: a random sample of users and groups, and batches of non-members.
  const users = [];
  for (let k = 0; k < Math.min(o.sampleSize, o.users); k++) {
    const i = Math.floor(Math.random() * o.users);
    const u = userAt(i);
    users.push({ id: userIds[i], userName: u.userName, email: u.email, given: u.given, family: u.family, externalId: u.externalId });
  }
  const groups = groupNames.slice(0, o.groups).map((name, g) => ({ id: groupIds[g], name }));
  const batches = [];
  for (let i = o.bigGroupSize; i + 100 <= o.users; i += 100) batches.push(userIds.slice(i, i + 100));
  const warmBatches = [];
  for (let k = 0; k < 50; k++) warmBatches.push(Array.from({ length: 100 }, (_, j) => userIds[(k * 100 + j * 37) % o.users]));
  return {
    secret: credential.CredentialSecret,
    seedSeconds,
    sample: { accessKey: { id: accessKey.AccessKeyId, secret: accessKey.AccessKeySecret }, directoryId, users, groups, batches, warmBatches, groupId: groupIds[o.groups], warmGroupId: groupIds[0], bigGroupName: 'All-Staff' },
  };
}

module.exports = { seedTenant, userAt };
