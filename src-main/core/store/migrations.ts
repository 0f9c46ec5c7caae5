// Forward-only migrations, numbered by PRAGMA user_version. Never edit a shipped entry: append a new one.
export const MIGRATIONS: readonly string[] = [
  // 1: the whole tenant
  `
  CREATE TABLE directory (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT 'cn-shanghai',
    created_at TEXT NOT NULL
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('Enabled', 'Disabled')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_used_at TEXT
  ) WITHOUT ROWID;
  CREATE TABLE users (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    first_name TEXT,
    last_name TEXT,
    display_name TEXT,
    email TEXT COLLATE NOCASE,
    description TEXT,
    status TEXT NOT NULL CHECK (status IN ('Enabled', 'Disabled')),
    provision_type TEXT NOT NULL CHECK (provision_type IN ('Manual', 'Synchronized')),
    external_id TEXT,
    password_hash TEXT,
    scim TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX users_email ON users (email) WHERE email IS NOT NULL;
  CREATE INDEX users_external_id ON users (external_id) WHERE external_id IS NOT NULL;
  CREATE INDEX users_display_name ON users (display_name COLLATE NOCASE);
  CREATE INDEX users_updated_at ON users (updated_at);
  CREATE INDEX users_created_at ON users (created_at);
  CREATE INDEX users_provision_status ON users (provision_type, status);
  -- every e-mail a SCIM user carries, so emails[type eq "work"].value lookups use an index
  CREATE TABLE user_emails (
    user_seq INTEGER NOT NULL REFERENCES users (seq) ON DELETE CASCADE,
    value TEXT NOT NULL COLLATE NOCASE,
    type TEXT COLLATE NOCASE,
    is_primary INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX user_emails_value ON user_emails (value, type);
  CREATE INDEX user_emails_user ON user_emails (user_seq);
  CREATE TABLE groups (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    description TEXT,
    provision_type TEXT NOT NULL CHECK (provision_type IN ('Manual', 'Synchronized')),
    external_id TEXT,
    scim TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX groups_external_id ON groups (external_id) WHERE external_id IS NOT NULL;
  CREATE INDEX groups_updated_at ON groups (updated_at);
  CREATE INDEX groups_created_at ON groups (created_at);
  CREATE TABLE memberships (
    group_seq INTEGER NOT NULL REFERENCES groups (seq) ON DELETE CASCADE,
    user_seq INTEGER NOT NULL REFERENCES users (seq) ON DELETE CASCADE,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (group_seq, user_seq)
  ) WITHOUT ROWID;
  CREATE INDEX memberships_by_user ON memberships (user_seq, group_seq);
  -- synchronized objects an administrator edited or deleted while sync was off
  CREATE TABLE drift (
    resource_type TEXT NOT NULL CHECK (resource_type IN ('User', 'Group')),
    name_key TEXT NOT NULL COLLATE NOCASE,
    resource_id TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('Modified', 'Deleted')),
    changed_at TEXT NOT NULL,
    PRIMARY KEY (resource_type, name_key)
  ) WITHOUT ROWID;
  CREATE INDEX drift_resource_id ON drift (resource_id);
  CREATE TABLE activity (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    credential_id TEXT,
    user_agent TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    duration_ms REAL NOT NULL,
    resource_type TEXT,
    resource_ids TEXT,
    outcome TEXT NOT NULL,
    request_body TEXT,
    response_body TEXT,
    injected INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX activity_status ON activity (status);
  -- counts kept by triggers, so unfiltered list totals and statistics never count 100,000 rows
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO counters (name, value) VALUES ('User:Manual', 0), ('User:Synchronized', 0), ('Group:Manual', 0), ('Group:Synchronized', 0);
  CREATE TRIGGER users_count_insert AFTER INSERT ON users BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'User:' || NEW.provision_type;
  END;
  CREATE TRIGGER users_count_delete AFTER DELETE ON users BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'User:' || OLD.provision_type;
  END;
  CREATE TRIGGER users_count_update AFTER UPDATE OF provision_type ON users WHEN OLD.provision_type <> NEW.provision_type BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'User:' || OLD.provision_type;
    UPDATE counters SET value = value + 1 WHERE name = 'User:' || NEW.provision_type;
  END;
  CREATE TRIGGER groups_count_insert AFTER INSERT ON groups BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'Group:' || NEW.provision_type;
  END;
  CREATE TRIGGER groups_count_delete AFTER DELETE ON groups BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'Group:' || OLD.provision_type;
  END;
  CREATE TRIGGER groups_count_update AFTER UPDATE OF provision_type ON groups WHEN OLD.provision_type <> NEW.provision_type BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'Group:' || OLD.provision_type;
    UPDATE counters SET value = value + 1 WHERE name = 'Group:' || NEW.provision_type;
  END;
  -- a compact index of row order alone: deep pages (startIndex near 100,000) skip through it, not through whole rows
  CREATE INDEX users_order ON users (seq);
  CREATE INDEX groups_order ON groups (seq);
  `,
  // 2: the demo IdP's temporary credentials carry the id of the process running the demo, so one left behind by a
  // killed run is recognised (its process is gone) and removed at the next start instead of holding a slot
  `
  ALTER TABLE credentials ADD COLUMN demo_owner_pid INTEGER;
  `,
  // 3: AccessKeys for CloudSSO's OpenAPI. The secret is needed to check HMAC signatures, so it is kept sealed
  // (AES-256-GCM) under a key that lives outside this file; the activity log learns which face a call came through.
  `
  CREATE TABLE access_keys (
    id TEXT PRIMARY KEY,
    secret_sealed TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Enabled', 'Disabled')),
    created_at TEXT NOT NULL,
    last_used_at TEXT
  ) WITHOUT ROWID;
  ALTER TABLE activity ADD COLUMN source TEXT NOT NULL DEFAULT 'SCIM';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
