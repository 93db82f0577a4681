-- State indicators of the dashboard (issue 8) as of an earlier instant: rows of the roster and registry as they were
-- then, rebuilt from the audit log (0019). The application role may not read the log itself (only auditors may);
-- these two functions return only what the indicators need, limited to the grids the caller may read.

-- Rows of one table written after t are found by (table_name, at), with the row key in the index (an index-only scan,
-- not a read of the large row images): when nothing was written to the table after t (the common case for a recent
-- t) this is one index probe.
CREATE INDEX audit_log_table_at_idx ON audit_log (table_name, at) INCLUDE (row_key);

CREATE FUNCTION audit_rows_at(tbl text, t timestamptz, cols text[])
  RETURNS TABLE (row_key text, image jsonb)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
#variable_conflict use_column
DECLARE
  grid_col text := CASE tbl WHEN 'grid_unit' THEN 'id' WHEN 'grid_person' THEN 'grid_id'
                            WHEN 'production_subject' THEN 'grid_id' END;
  scoped boolean := coalesce(current_setting('app.all_grids', true), '') = 'off';
  readable bigint[] := app_setting_ids('app.read_grid_ids');
BEGIN
  IF grid_col IS NULL THEN
    RAISE EXCEPTION 'audit_rows_at: table % is not available', tbl USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
  WITH changed AS (SELECT DISTINCT a.row_key FROM audit_log a WHERE a.table_name = tbl AND a.at > t),
  state AS (
    SELECT c.row_key,
      CASE WHEN b.action IS NOT NULL THEN CASE WHEN b.action = 'delete' THEN NULL ELSE b.after END
           ELSE CASE WHEN f.action = 'insert' THEN NULL ELSE f.before END END AS img
    FROM changed c
    LEFT JOIN LATERAL (SELECT a.action, a.after FROM audit_log a
      WHERE a.table_name = tbl AND a.row_key = c.row_key AND a.at <= t ORDER BY a.at DESC, a.id DESC LIMIT 1) b ON true
    LEFT JOIN LATERAL (SELECT a.action, a.before FROM audit_log a
      WHERE a.table_name = tbl AND a.row_key = c.row_key AND a.at > t ORDER BY a.at, a.id LIMIT 1) f ON true)
  SELECT s.row_key,
    CASE WHEN s.img IS NULL THEN NULL
         WHEN scoped AND NOT coalesce((s.img ->> grid_col)::bigint = ANY (readable), false) THEN NULL
         ELSE (SELECT jsonb_object_agg(c.col, s.img -> c.col) FROM unnest(cols) AS c(col) WHERE s.img ? c.col) END
  FROM state s;
END $$;
COMMENT ON FUNCTION audit_rows_at(text, timestamptz, text[]) IS 'Rows of grid_unit, grid_person or production_subject written after t, each with its image at t (the after image of its latest audit row at or before t, else the before image of its first one after t; NULL when it did not exist then or lies outside the grids the caller may read), reduced to the columns asked for.';

CREATE FUNCTION audit_history_start() RETURNS timestamptz
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$ SELECT min(at) FROM audit_log $$;
COMMENT ON FUNCTION audit_history_start() IS 'Time of the first audit log entry: states before it cannot be rebuilt.';
