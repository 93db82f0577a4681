-- Grid history keeps geometries losslessly: PostGIS's json cast of a geometry (used by to_jsonb) rounds it to
-- GeoJSON with 9 decimals, so restored boundaries could drift from their neighbours' by a hair. Rows written from
-- now on carry hex EWKB; earlier rows keep their GeoJSON, which the geometry input also reads.
CREATE OR REPLACE FUNCTION grid_history_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_now jsonb;
  gid bigint;
  pid bigint;
  fields text[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_row := to_jsonb(OLD) - 'geom_3857' - 'label_geom';
    IF TG_TABLE_NAME = 'grid_unit' THEN
      old_row := old_row || jsonb_build_object('geom', encode(ST_AsEWKB(OLD.geom), 'hex'));
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_row := to_jsonb(NEW) - 'geom_3857' - 'label_geom';
    IF TG_TABLE_NAME = 'grid_unit' THEN
      new_row := new_row || jsonb_build_object('geom', encode(ST_AsEWKB(NEW.geom), 'hex'));
    END IF;
  END IF;
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
COMMENT ON FUNCTION grid_history_record() IS 'Row trigger on grid_unit and grid_person: appends the change (before/after with the geometry as hex EWKB, changed columns, author via defaults, note from app.change_note) to grid_history.';
COMMENT ON COLUMN grid_history.before IS 'The row before the change (NULL for an insert); geometry as hex EWKB (GeoJSON in rows written before migration 0017).';
COMMENT ON COLUMN grid_history.after IS 'The row after the change (NULL for a delete); geometry as hex EWKB (GeoJSON in rows written before migration 0017).';
