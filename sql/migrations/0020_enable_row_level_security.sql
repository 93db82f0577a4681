-- Jurisdictions (issue 9): every request of an account runs its statements as the unprivileged role nongan_app,
-- in a transaction whose settings name the account's grids (server/src/db/scoped-db.ts). The policies below are the
-- one place that limits what it reads and writes, for the API, exports, OGC API, vector tiles and analyses alike.
--
-- Settings read by the policies (transaction-local, set by the server, never by users):
--   app.all_grids      'on' for accounts without a jurisdiction (administrators): every row.
--   app.grid_ids       the jurisdiction and every grid under it: rows there may be read and written.
--   app.read_grid_ids  the above plus the jurisdiction's ancestors: grids (outlines, rosters) that may be read.
--   app.home_grid      the jurisdiction itself: owner of rows that have no place yet (a subject without location).
--   app.audit          'on' when the account may read the audit log.
-- Without settings the role sees nothing: forgetting the scope fails closed.
--
-- The connecting role (owner of the tables, and running the migrations, demo loading and logins) is not subject
-- to row-level security: it is not the table owner's role that the server uses for requests.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nongan_app') THEN
    BEGIN
      CREATE ROLE nongan_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of the same cluster created it meanwhile
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'nongan_app', 'MEMBER') THEN
    EXECUTE format('GRANT nongan_app TO %I', current_user);
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO nongan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO nongan_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO nongan_app;
-- Tables and sequences of later migrations (run by the same role) are granted the same way.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO nongan_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO nongan_app;

-- Credentials, sessions and the migration ledger are handled by the server itself, never by request code.
REVOKE ALL ON app_user, app_session FROM nongan_app;
DO $$
BEGIN
  IF to_regclass('schema_migration') IS NOT NULL THEN
    REVOKE ALL ON schema_migration FROM nongan_app;
  END IF;
END $$;

CREATE FUNCTION app_setting_ids(setting text) RETURNS bigint[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting(setting, true), ''), ',')::bigint[], '{}'::bigint[])
$$;
COMMENT ON FUNCTION app_setting_ids(text) IS 'The grid ids listed (comma-separated) in a transaction setting; empty when unset.';

CREATE FUNCTION app_all_grids() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.all_grids', true), '') = 'on' $$;
COMMENT ON FUNCTION app_all_grids() IS 'True for an account without jurisdiction limits (administrators).';

CREATE FUNCTION app_may_write(grid bigint) RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT app_all_grids() OR grid = ANY (app_setting_ids('app.grid_ids')) $$;
COMMENT ON FUNCTION app_may_write(bigint) IS 'Whether rows of this grid lie in the account''s jurisdiction (read and write).';

CREATE FUNCTION app_may_read(grid bigint) RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT app_all_grids() OR grid = ANY (app_setting_ids('app.read_grid_ids')) $$;
COMMENT ON FUNCTION app_may_read(bigint) IS 'Whether a grid may be read: the jurisdiction, what lies under it and its ancestors.';

-- A subject placed later ("no location") belongs to the jurisdiction of whoever registered it until it has a place.
ALTER TABLE production_subject ADD COLUMN owner_grid_id bigint REFERENCES grid_unit (id) ON DELETE SET NULL;
COMMENT ON COLUMN production_subject.owner_grid_id IS 'Jurisdiction that registered the subject; decides who may see it while grid_id is NULL (no location yet).';

CREATE FUNCTION production_subject_set_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.owner_grid_id IS NULL THEN
    NEW.owner_grid_id := nullif(current_setting('app.home_grid', true), '')::bigint;
  END IF;
  RETURN NEW;
END $$;
COMMENT ON FUNCTION production_subject_set_owner() IS 'Stamps the registering account''s jurisdiction (app.home_grid) as owner of a new subject.';
CREATE TRIGGER production_subject_set_owner BEFORE INSERT ON production_subject
  FOR EACH ROW EXECUTE FUNCTION production_subject_set_owner();

-- Functions that must see every grid or write bookkeeping whatever the caller's jurisdiction: locating a point in
-- its village (a point in a sibling township must be found there, so that the write is refused, not misfiled) and
-- appending grid history.
ALTER FUNCTION village_grid_at(geometry) SECURITY DEFINER;
ALTER FUNCTION grid_history_record() SECURITY DEFINER;

-- Grids: read the jurisdiction, what lies under it and its ancestors; write the jurisdiction and under it; a new
-- grid may be created under a grid of the jurisdiction.
ALTER TABLE grid_unit ENABLE ROW LEVEL SECURITY;
CREATE POLICY grid_unit_read ON grid_unit FOR SELECT TO nongan_app USING (app_may_read(id));
CREATE POLICY grid_unit_insert ON grid_unit FOR INSERT TO nongan_app
  WITH CHECK (app_may_write(id) OR app_may_write(parent_id));
CREATE POLICY grid_unit_update ON grid_unit FOR UPDATE TO nongan_app
  USING (app_may_write(id)) WITH CHECK (app_may_write(id));
CREATE POLICY grid_unit_delete ON grid_unit FOR DELETE TO nongan_app USING (app_may_write(id));

-- Rosters and grid history: read with their grid, written within the jurisdiction.
ALTER TABLE grid_person ENABLE ROW LEVEL SECURITY;
CREATE POLICY grid_person_read ON grid_person FOR SELECT TO nongan_app USING (app_may_read(grid_id));
CREATE POLICY grid_person_write ON grid_person FOR ALL TO nongan_app
  USING (app_may_write(grid_id)) WITH CHECK (app_may_write(grid_id));
-- grid_person_write also covers SELECT; PostgreSQL ORs permissive policies, so reads follow grid_person_read.

ALTER TABLE grid_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY grid_history_read ON grid_history FOR SELECT TO nongan_app USING (app_may_read(grid_id));

-- Records that belong to a place: everything about them within the jurisdiction only (not the ancestors').
ALTER TABLE production_subject ENABLE ROW LEVEL SECURITY;
CREATE POLICY production_subject_scope ON production_subject FOR ALL TO nongan_app
  USING (app_may_write(coalesce(grid_id, owner_grid_id)))
  WITH CHECK (app_may_write(coalesce(grid_id, owner_grid_id)));

ALTER TABLE sample ENABLE ROW LEVEL SECURITY;
CREATE POLICY sample_scope ON sample FOR ALL TO nongan_app
  USING (app_may_write(grid_id)) WITH CHECK (app_may_write(grid_id));

ALTER TABLE soil_sample ENABLE ROW LEVEL SECURITY;
CREATE POLICY soil_sample_scope ON soil_sample FOR ALL TO nongan_app
  USING (app_may_write(grid_id)) WITH CHECK (app_may_write(grid_id));

ALTER TABLE patrol ENABLE ROW LEVEL SECURITY;
CREATE POLICY patrol_scope ON patrol FOR ALL TO nongan_app
  USING (app_may_write(grid_id)) WITH CHECK (app_may_write(grid_id));

ALTER TABLE soil_zone_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY soil_zone_run_scope ON soil_zone_run FOR ALL TO nongan_app
  USING (app_may_write(area_grid_id)) WITH CHECK (app_may_write(area_grid_id));

-- Rows that belong to a row above: visible and writable with it (the subquery is itself row-level secured).
ALTER TABLE sample_result ENABLE ROW LEVEL SECURITY;
CREATE POLICY sample_result_scope ON sample_result FOR ALL TO nongan_app
  USING (EXISTS (SELECT 1 FROM sample s WHERE s.id = sample_id))
  WITH CHECK (EXISTS (SELECT 1 FROM sample s WHERE s.id = sample_id));

ALTER TABLE production_subject_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY production_subject_event_scope ON production_subject_event FOR ALL TO nongan_app
  USING (EXISTS (SELECT 1 FROM production_subject s WHERE s.id = subject_id))
  WITH CHECK (EXISTS (SELECT 1 FROM production_subject s WHERE s.id = subject_id));

ALTER TABLE soil_zone ENABLE ROW LEVEL SECURITY;
CREATE POLICY soil_zone_scope ON soil_zone FOR ALL TO nongan_app
  USING (EXISTS (SELECT 1 FROM soil_zone_run r WHERE r.id = run_id))
  WITH CHECK (EXISTS (SELECT 1 FROM soil_zone_run r WHERE r.id = run_id));

-- Uploads: each account sees its own (administrators all).
ALTER TABLE import_file ENABLE ROW LEVEL SECURITY;
CREATE POLICY import_file_own ON import_file FOR ALL TO nongan_app
  USING (app_all_grids() OR created_by = app_current_user())
  WITH CHECK (app_all_grids() OR created_by = app_current_user());

-- The audit log: every write appends (through the audit triggers); only auditors read it.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO nongan_app WITH CHECK (true);
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO nongan_app
  USING (coalesce(current_setting('app.audit', true), '') = 'on');

-- Helpers for later migrations: protect a table by the grid its rows belong to, or by a parent table's row.
CREATE FUNCTION app_protect_by_grid(t regclass, grid_expr text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = t);
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_scope', t);
  EXECUTE format('CREATE POLICY %I ON %s FOR ALL TO nongan_app USING (app_may_write(%s)) WITH CHECK (app_may_write(%s))',
    name || '_scope', t, grid_expr, grid_expr);
END $$;
COMMENT ON FUNCTION app_protect_by_grid(regclass, text) IS 'Row-level security by grid: rows whose grid expression lies in the jurisdiction.';

CREATE FUNCTION app_protect_by_parent(t regclass, parent regclass, fk text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = t);
  cond text := format('EXISTS (SELECT 1 FROM %s p WHERE p.id = %I)', parent, fk);
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_scope', t);
  EXECUTE format('CREATE POLICY %I ON %s FOR ALL TO nongan_app USING (%s) WITH CHECK (%s)', name || '_scope', t, cond, cond);
END $$;
COMMENT ON FUNCTION app_protect_by_parent(regclass, regclass, text) IS 'Row-level security through a parent row: visible and writable with the row its foreign key points to.';
