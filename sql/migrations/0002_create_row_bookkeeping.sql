-- Bookkeeping shared by every table: who wrote a row, when, and an optimistic-concurrency version;
-- plus a per-table change counter that vector-tile caching keys on.

-- The acting user is set per transaction by the server (SET LOCAL app.user = ...); scripts run as 'system'.
CREATE FUNCTION app_current_user() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.user', true), ''), 'system')
$$;
COMMENT ON FUNCTION app_current_user() IS 'The user recorded as author of writes in this transaction (setting app.user), or system.';

-- BEFORE UPDATE on every table: stamp the author and time, bump the version, keep the creation stamp immutable.
CREATE FUNCTION touch_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := OLD.created_at;
  NEW.created_by := OLD.created_by;
  NEW.updated_at := now();
  NEW.updated_by := app_current_user();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION touch_row() IS 'Row trigger: stamps updated_at/updated_by, increments version, protects created_at/created_by.';

CREATE TABLE layer_version (
  source     text PRIMARY KEY,
  version    bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE layer_version IS 'Change counter per source table; vector tiles and their ETags are keyed on it so tiles change when data changes.';
COMMENT ON COLUMN layer_version.source IS 'Name of the source table.';
COMMENT ON COLUMN layer_version.version IS 'Incremented by every statement that inserts, updates or deletes rows of the table.';
COMMENT ON COLUMN layer_version.changed_at IS 'Time of the last change.';

CREATE FUNCTION bump_layer_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO layer_version AS lv (source, version, changed_at) VALUES (TG_TABLE_NAME, 1, now())
  ON CONFLICT (source) DO UPDATE SET version = lv.version + 1, changed_at = now();
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION bump_layer_version() IS 'Statement trigger: increments layer_version for the table written to.';
