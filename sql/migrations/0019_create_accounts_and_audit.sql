-- Accounts, roles and server-side sessions (issue 9), and the append-only audit log of every write.

CREATE TABLE app_role (
  role         text PRIMARY KEY,
  name_zh      text NOT NULL,
  name_en      text NOT NULL,
  permissions  text[] NOT NULL,
  sort_order   integer NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL DEFAULT app_current_user(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT app_role_permissions_check CHECK (permissions <@ ARRAY[
    'read', 'grids.edit', 'roster.edit', 'registry.edit', 'samples.edit', 'soil.edit', 'patrols.record',
    'patrols.plan', 'analysis.run', 'settings.edit', 'users.admin', 'audit.read']::text[])
);
COMMENT ON TABLE app_role IS 'Roles of accounts and what each may do; the permissions are data, checked by the server at one choke point.';
COMMENT ON COLUMN app_role.role IS 'Role identifier.';
COMMENT ON COLUMN app_role.name_zh IS 'Name in Chinese.';
COMMENT ON COLUMN app_role.name_en IS 'Name in English.';
COMMENT ON COLUMN app_role.permissions IS 'Permissions: read, grids.edit, roster.edit, registry.edit, samples.edit, soil.edit, patrols.record, patrols.plan, analysis.run, settings.edit, users.admin, audit.read.';
COMMENT ON COLUMN app_role.sort_order IS 'Order in lists.';
COMMENT ON COLUMN app_role.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN app_role.created_at IS 'Creation time.';
COMMENT ON COLUMN app_role.created_by IS 'Author of the row.';
COMMENT ON COLUMN app_role.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN app_role.updated_by IS 'Author of the last update.';
CREATE TRIGGER app_role_touch BEFORE UPDATE ON app_role FOR EACH ROW EXECUTE FUNCTION touch_row();

INSERT INTO app_role (role, name_zh, name_en, sort_order, permissions) VALUES
  ('admin', '系统管理员', 'Administrator', 1,
   ARRAY['read', 'grids.edit', 'roster.edit', 'registry.edit', 'samples.edit', 'soil.edit', 'patrols.record', 'patrols.plan', 'analysis.run', 'settings.edit', 'users.admin', 'audit.read']),
  ('county_official', '县级监管人员', 'County official', 2,
   ARRAY['read', 'grids.edit', 'roster.edit', 'registry.edit', 'samples.edit', 'soil.edit', 'patrols.plan', 'analysis.run', 'settings.edit', 'audit.read']),
  ('township_supervisor', '乡镇网格监管员', 'Township grid supervisor', 3,
   ARRAY['read', 'roster.edit', 'registry.edit', 'samples.edit', 'patrols.record', 'patrols.plan']),
  ('village_coordinator', '村级协管员', 'Village coordinator', 4, ARRAY['read', 'patrols.record']),
  ('inspector', '执法检查员', 'Inspector', 5, ARRAY['read', 'patrols.record', 'patrols.plan']),
  ('analyst', '分析人员', 'Analyst', 6, ARRAY['read', 'samples.edit', 'soil.edit', 'analysis.run']),
  ('public', '公众', 'Public', 7, ARRAY[]::text[]);

CREATE TABLE app_user (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username              text NOT NULL,
  display_name          text NOT NULL,
  role                  text NOT NULL REFERENCES app_role (role),
  jurisdiction_id       bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  password_hash         text NOT NULL,
  must_change_password  boolean NOT NULL DEFAULT true,
  active                boolean NOT NULL DEFAULT true,
  failed_logins         integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  last_login_at         timestamptz,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  created_by            text NOT NULL DEFAULT app_current_user(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  updated_by            text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT app_user_username_key UNIQUE (username),
  CONSTRAINT app_user_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,31}$'),
  CONSTRAINT app_user_display_name_check CHECK (length(btrim(display_name)) BETWEEN 1 AND 40),
  CONSTRAINT app_user_password_hash_check CHECK (password_hash LIKE '$argon2id$%'),
  CONSTRAINT app_user_jurisdiction_check CHECK (role = 'admin' OR jurisdiction_id IS NOT NULL),
  CONSTRAINT app_user_failed_logins_check CHECK (failed_logins >= 0)
);
COMMENT ON TABLE app_user IS 'Named accounts: a role and a jurisdiction (one grid and everything under it).';
COMMENT ON COLUMN app_user.id IS 'Surrogate key.';
COMMENT ON COLUMN app_user.username IS 'Login name (lower-case letters, digits, . _ -).';
COMMENT ON COLUMN app_user.display_name IS 'Name shown in the interface and recorded as author.';
COMMENT ON COLUMN app_user.role IS 'Role (app_role).';
COMMENT ON COLUMN app_user.jurisdiction_id IS 'The grid the account may see and change, with everything under it; NULL (all) only for administrators.';
COMMENT ON COLUMN app_user.password_hash IS 'argon2id hash of the password; the password itself is never stored.';
COMMENT ON COLUMN app_user.must_change_password IS 'The password was set by someone else (first start, reset): it must be changed at the next login.';
COMMENT ON COLUMN app_user.active IS 'Deactivated accounts cannot log in (accounts are not deleted: they are authors of records).';
COMMENT ON COLUMN app_user.failed_logins IS 'Failed logins since the last success, for the temporary lockout.';
COMMENT ON COLUMN app_user.locked_until IS 'Logins are refused until then after too many failures.';
COMMENT ON COLUMN app_user.last_login_at IS 'Last successful login.';
COMMENT ON COLUMN app_user.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN app_user.created_at IS 'Creation time.';
COMMENT ON COLUMN app_user.created_by IS 'Author of the row.';
COMMENT ON COLUMN app_user.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN app_user.updated_by IS 'Author of the last update.';
CREATE TRIGGER app_user_touch BEFORE UPDATE ON app_user FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE app_session (
  token_hash    text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text,
  CONSTRAINT app_session_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT app_session_csrf_check CHECK (length(csrf_token) >= 32)
);
COMMENT ON TABLE app_session IS 'Server-side sessions; the cookie holds a random token whose SHA-256 is the key, so the table alone cannot be used to log in.';
COMMENT ON COLUMN app_session.token_hash IS 'SHA-256 (hex) of the session token in the HttpOnly cookie.';
COMMENT ON COLUMN app_session.user_id IS 'The account.';
COMMENT ON COLUMN app_session.csrf_token IS 'Token every state-changing request must echo in X-CSRF-Token.';
COMMENT ON COLUMN app_session.created_at IS 'Login time.';
COMMENT ON COLUMN app_session.last_seen_at IS 'Last request (updated at most once a minute).';
COMMENT ON COLUMN app_session.expires_at IS 'Absolute expiry.';
COMMENT ON COLUMN app_session.ip IS 'Address at login.';
COMMENT ON COLUMN app_session.user_agent IS 'Browser at login.';
CREATE INDEX app_session_user_idx ON app_session (user_id);
CREATE INDEX app_session_expires_idx ON app_session (expires_at);

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL DEFAULT app_current_user(),
  request_id  text DEFAULT nullif(current_setting('app.request_id', true), ''),
  table_name  text NOT NULL,
  row_key     text NOT NULL,
  action      text NOT NULL,
  before      jsonb,
  after       jsonb,
  CONSTRAINT audit_log_action_check CHECK (action IN ('insert', 'update', 'delete'))
);
COMMENT ON TABLE audit_log IS 'Append-only record of every write: who, when, which row of which table, before and after. Updates and deletes of this table are refused.';
COMMENT ON COLUMN audit_log.id IS 'Order of writing.';
COMMENT ON COLUMN audit_log.at IS 'Time of the transaction that wrote it.';
COMMENT ON COLUMN audit_log.actor IS 'The account (or system process) that made the change.';
COMMENT ON COLUMN audit_log.request_id IS 'The HTTP request it came from, to match the logs.';
COMMENT ON COLUMN audit_log.table_name IS 'Table written to.';
COMMENT ON COLUMN audit_log.row_key IS 'Primary key of the row, as text.';
COMMENT ON COLUMN audit_log.action IS 'insert | update | delete.';
COMMENT ON COLUMN audit_log.before IS 'The row before (update, delete).';
COMMENT ON COLUMN audit_log.after IS 'The row after (insert, update).';
CREATE INDEX audit_log_row_idx ON audit_log (table_name, row_key, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
COMMENT ON FUNCTION audit_log_append_only() IS 'Refuses updates and deletes of the audit log.';
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- One statement trigger per action (transition tables cannot serve two actions); TG_ARGV[0] is the row key
-- expression over alias r, e.g. 'r.id::text'.
CREATE FUNCTION audit_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key_new text := replace(TG_ARGV[0], 'r.', 'n.');
  key_old text := replace(TG_ARGV[0], 'r.', 'o.');
  -- Web Mercator copies are generated from geom: not worth storing twice.
  derived text[] := ARRAY['geom_3857', 'base_geom_3857'];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO audit_log (table_name, row_key, action, after) SELECT %L, %s, ''insert'', to_jsonb(n) - %L::text[] FROM new_rows n', TG_TABLE_NAME, key_new, derived);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO audit_log (table_name, row_key, action, before) SELECT %L, %s, ''delete'', to_jsonb(o) - %L::text[] FROM old_rows o', TG_TABLE_NAME, key_old, derived);
  ELSE
    EXECUTE format('INSERT INTO audit_log (table_name, row_key, action, before, after) SELECT %L, %s, ''update'', to_jsonb(o) - %L::text[], to_jsonb(n) - %L::text[] FROM old_rows o JOIN new_rows n ON %s = %s', TG_TABLE_NAME, key_new, derived, derived, key_old, key_new);
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION audit_statement() IS 'Statement trigger writing one audit_log row per row inserted, updated or deleted.';

-- Attaches the audit triggers to a table (idempotent); the key expression is built from its primary key.
CREATE FUNCTION audit_enable(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  key_expr text;
  name text := (SELECT relname FROM pg_class WHERE oid = t);
BEGIN
  SELECT string_agg(format('r.%I::text', a.attname), ' || ''/'' || ' ORDER BY k.ord)
    INTO key_expr
  FROM pg_index i
  CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = t AND i.indisprimary;
  IF key_expr IS NULL THEN
    RAISE EXCEPTION 'table % has no primary key to audit by', name;
  END IF;
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name || '_audit_insert', t);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name || '_audit_update', t);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name || '_audit_delete', t);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(%L)', name || '_audit_insert', t, key_expr);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(%L)', name || '_audit_update', t, key_expr);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(%L)', name || '_audit_delete', t, key_expr);
END $$;
COMMENT ON FUNCTION audit_enable(regclass) IS 'Attaches the audit triggers to a table; every new table''s migration calls it (a test checks that none is missed).';

-- Tables that are not records of the domain: the log itself, bookkeeping, sessions (logins are in app_user).
CREATE FUNCTION audit_enable_all() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer := 0;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
    WHERE s.nspname = 'public' AND c.relkind = 'r'
      AND c.relname NOT IN ('audit_log', 'schema_migration', 'layer_version', 'app_session', 'spatial_ref_sys')
  LOOP
    PERFORM audit_enable(r.t);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
COMMENT ON FUNCTION audit_enable_all() IS 'Attaches the audit triggers to every domain table of the schema.';

SELECT audit_enable_all();
