-- Grid planning (issue 3): every change to a grid (boundary, code, name, parent) and to its roster is kept as a version
-- with who, when and what, so the map can be shown as of a past date and a change can be reverted (by a new version,
-- never by deleting history). Also: a code change of a grid carries its children's code prefixes along.

CREATE TABLE grid_history (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id       bigint NOT NULL,
  entity          text NOT NULL,
  entity_id       bigint NOT NULL,
  grid_id         bigint NOT NULL,
  parent_id       bigint,
  op              text NOT NULL,
  entity_version  integer NOT NULL,
  before          jsonb,
  after           jsonb,
  changed_fields  text[] NOT NULL DEFAULT '{}',
  note            text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT app_current_user(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT grid_history_entity_check CHECK (entity IN ('grid_unit', 'grid_person')),
  CONSTRAINT grid_history_op_check CHECK (op IN ('insert', 'update', 'delete')),
  CONSTRAINT grid_history_states CHECK ((before IS NULL) = (op = 'insert') AND (after IS NULL) = (op = 'delete')),
  CONSTRAINT grid_history_note_check CHECK (note IS NULL OR length(note) <= 200)
);
COMMENT ON TABLE grid_history IS 'Versions of grid_unit and grid_person rows (append-only): who changed what and when, with the row before and after; the basis of "as of" maps and reverts.';
COMMENT ON COLUMN grid_history.id IS 'Surrogate key; increases with time.';
COMMENT ON COLUMN grid_history.change_id IS 'Transaction id of the save: all rows written by one save (an edit, a split, a merge, an import, a revert) share it; 0 for rows that existed before history was kept.';
COMMENT ON COLUMN grid_history.entity IS 'grid_unit | grid_person: the table of the changed row.';
COMMENT ON COLUMN grid_history.entity_id IS 'Id of the changed row in its table.';
COMMENT ON COLUMN grid_history.grid_id IS 'The grid concerned: the grid itself, or the grid of the person.';
COMMENT ON COLUMN grid_history.parent_id IS 'Parent of that grid at the time (finds the history of one level inside a parent).';
COMMENT ON COLUMN grid_history.op IS 'insert | update | delete.';
COMMENT ON COLUMN grid_history.entity_version IS 'Version of the row after the change (before it, for a delete).';
COMMENT ON COLUMN grid_history.before IS 'The row before the change (NULL for an insert); geometry as hex EWKB.';
COMMENT ON COLUMN grid_history.after IS 'The row after the change (NULL for a delete); geometry as hex EWKB.';
COMMENT ON COLUMN grid_history.changed_fields IS 'Columns whose value changed (updates only), bookkeeping columns excluded.';
COMMENT ON COLUMN grid_history.note IS 'What the save was (setting app.change_note): edit, split, merge, import, revert of change N …';
COMMENT ON COLUMN grid_history.version IS 'Optimistic-concurrency version (history rows are never updated).';
COMMENT ON COLUMN grid_history.created_at IS 'When the change was saved (transaction time).';
COMMENT ON COLUMN grid_history.created_by IS 'Who saved the change.';
COMMENT ON COLUMN grid_history.updated_at IS 'Same as created_at: history rows are never updated.';
COMMENT ON COLUMN grid_history.updated_by IS 'Same as created_by: history rows are never updated.';

CREATE INDEX grid_history_entity_idx ON grid_history (entity, entity_id, id);
CREATE INDEX grid_history_grid_idx ON grid_history (grid_id, id);
CREATE INDEX grid_history_parent_idx ON grid_history (parent_id, id);
CREATE INDEX grid_history_change_idx ON grid_history (change_id);
CREATE INDEX grid_history_created_at_idx ON grid_history (created_at);

-- Backfill: rows that existed before history was kept get one insert version each, dated at their creation.
INSERT INTO grid_history (change_id, entity, entity_id, grid_id, parent_id, op, entity_version, after, note,
                          created_at, created_by, updated_at, updated_by)
SELECT 0, 'grid_unit', g.id, g.id, g.parent_id, 'insert', g.version, to_jsonb(g) - 'geom_3857' - 'label_geom',
       'existing before history', g.updated_at, g.updated_by, g.updated_at, g.updated_by
FROM grid_unit g ORDER BY g.id;
INSERT INTO grid_history (change_id, entity, entity_id, grid_id, parent_id, op, entity_version, after, note,
                          created_at, created_by, updated_at, updated_by)
SELECT 0, 'grid_person', p.id, p.grid_id, g.parent_id, 'insert', p.version, to_jsonb(p),
       'existing before history', p.updated_at, p.updated_by, p.updated_at, p.updated_by
FROM grid_person p JOIN grid_unit g ON g.id = p.grid_id ORDER BY p.id;

CREATE FUNCTION grid_history_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_now jsonb;
  gid bigint;
  pid bigint;
  fields text[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'geom_3857' - 'label_geom'; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'geom_3857' - 'label_geom'; END IF;
  row_now := coalesce(new_row, old_row);
  IF TG_TABLE_NAME = 'grid_unit' THEN
    gid := (row_now ->> 'id')::bigint;
    pid := (row_now ->> 'parent_id')::bigint;
  ELSE
    gid := (row_now ->> 'grid_id')::bigint;
    SELECT g.parent_id INTO pid FROM grid_unit g WHERE g.id = gid;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(k ORDER BY k), '{}') INTO fields
    FROM jsonb_object_keys(new_row) AS k
    WHERE k NOT IN ('version', 'updated_at', 'updated_by') AND (new_row -> k) IS DISTINCT FROM (old_row -> k);
    IF fields = '{}' THEN
      RETURN NULL; -- only bookkeeping changed: nothing to keep
    END IF;
  END IF;
  INSERT INTO grid_history (change_id, entity, entity_id, grid_id, parent_id, op, entity_version, before, after,
                            changed_fields, note)
  VALUES (txid_current(), TG_TABLE_NAME, (row_now ->> 'id')::bigint, gid, pid, lower(TG_OP),
          (row_now ->> 'version')::integer, old_row, new_row, fields,
          left(nullif(current_setting('app.change_note', true), ''), 200));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid_history_record() IS 'Row trigger on grid_unit and grid_person: appends the change (before/after, changed columns, author via defaults, note from app.change_note) to grid_history.';

CREATE TRIGGER grid_unit_history AFTER INSERT OR UPDATE OR DELETE ON grid_unit
  FOR EACH ROW EXECUTE FUNCTION grid_history_record();
CREATE TRIGGER grid_person_history AFTER INSERT OR UPDATE OR DELETE ON grid_person
  FOR EACH ROW EXECUTE FUNCTION grid_history_record();

CREATE FUNCTION grid_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'grid_history is append-only: a change is undone by a new version, never by editing history'
    USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_history_append_only';
END
$$;
COMMENT ON FUNCTION grid_history_append_only() IS 'Refuses updates and deletes of history rows.';

CREATE TRIGGER grid_history_append_only BEFORE UPDATE OR DELETE ON grid_history
  FOR EACH ROW EXECUTE FUNCTION grid_history_append_only();
CREATE TRIGGER grid_history_touch BEFORE UPDATE ON grid_history FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER grid_history_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_history
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();

-- Codes are editable and the children's prefixes follow: the parent's row check no longer refuses a new code
-- because of its children; instead an AFTER trigger rewrites the children's prefixes (their own row check then
-- verifies them against the parent's new code, and their children follow in turn).
CREATE OR REPLACE FUNCTION grid_unit_check_hierarchy() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  p record;
  prefix_len int := CASE NEW.level WHEN 'township' THEN 6 WHEN 'village' THEN 9 ELSE 0 END;
BEGIN
  IF NEW.parent_id IS NOT NULL THEN
    SELECT level, code INTO p FROM grid_unit WHERE id = NEW.parent_id;
    IF p.level IS DISTINCT FROM (CASE NEW.level WHEN 'township' THEN 'county' WHEN 'village' THEN 'township' END) THEN
      RAISE EXCEPTION 'grid % (%) cannot have a % as parent', NEW.code, NEW.level, coalesce(p.level, 'missing grid')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_unit_parent_level';
    END IF;
    IF left(NEW.code, prefix_len) <> left(p.code, prefix_len) THEN
      RAISE EXCEPTION 'code % does not start with the parent code prefix %', NEW.code, left(p.code, prefix_len)
        USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_unit_code_prefix';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.level <> OLD.level
     AND EXISTS (SELECT 1 FROM grid_unit c WHERE c.parent_id = NEW.id) THEN
    RAISE EXCEPTION 'grid % has child grids and cannot change level', OLD.code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_unit_parent_level';
  END IF;
  IF TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom) THEN
    NEW.label_geom := (ST_MaximumInscribedCircle(NEW.geom)).center;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid_unit_check_hierarchy() IS 'Enforces parent level and code prefix rules (children follow a code change, see grid_unit_cascade_code), and keeps label_geom in step with geom.';

CREATE FUNCTION grid_unit_cascade_code() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  prefix_len int := CASE NEW.level WHEN 'county' THEN 6 WHEN 'township' THEN 9 ELSE 12 END;
BEGIN
  IF prefix_len < 12 THEN
    UPDATE grid_unit c SET code = left(NEW.code, prefix_len) || substr(c.code, prefix_len + 1)
    WHERE c.parent_id = NEW.id AND left(c.code, prefix_len) <> left(NEW.code, prefix_len);
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION grid_unit_cascade_code() IS 'After a grid''s code changes, rewrites its children''s code prefixes (recursively through their own trigger).';

CREATE TRIGGER grid_unit_cascade_code AFTER UPDATE OF code ON grid_unit
  FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION grid_unit_cascade_code();

-- A grid being merged away or deleted must stop attracting points before its rows can go (the foreign keys of
-- located rows are RESTRICT): the save lists it in the transaction setting app.retiring_grids ('{1,2}').
CREATE OR REPLACE FUNCTION village_grid_at(p geometry) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT g.id FROM grid_unit g
  WHERE g.level = 'village' AND g.geom && p AND ST_Covers(g.geom, p)
    AND g.id <> ALL (coalesce(nullif(current_setting('app.retiring_grids', true), ''), '{}')::bigint[])
  ORDER BY g.id LIMIT 1
$$;
COMMENT ON FUNCTION village_grid_at(geometry) IS 'The village grid that covers a point (the lowest id where borders are shared), or NULL; grids listed in the transaction setting app.retiring_grids are skipped.';
