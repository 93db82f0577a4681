-- Daily patrols (日常巡查) of production subjects: the seven checks of annex 1, the outcome and the inspector's GPS track.
CREATE TABLE patrol (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id        bigint NOT NULL REFERENCES production_subject (id) ON DELETE RESTRICT,
  grid_id           bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  inspector_name    text NOT NULL,
  patrolled_at      timestamptz NOT NULL,
  checklist         jsonb NOT NULL DEFAULT '{}',
  outcome           text NOT NULL,
  rectify_deadline  date,
  notes             text,
  geom              geometry(LineString, 4326),
  geom_3857         geometry(LineString, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        text NOT NULL DEFAULT app_current_user(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT patrol_inspector_check CHECK (length(btrim(inspector_name)) BETWEEN 1 AND 40),
  CONSTRAINT patrol_patrolled_at_check CHECK (patrolled_at >= '2000-01-01'),
  CONSTRAINT patrol_checklist_object CHECK (jsonb_typeof(checklist) = 'object'),
  CONSTRAINT patrol_outcome_check CHECK (outcome IN ('compliant', 'rectify', 'refer')),
  CONSTRAINT patrol_rectify_needs_deadline CHECK (outcome <> 'rectify' OR rectify_deadline IS NOT NULL),
  CONSTRAINT patrol_geom_valid CHECK (geom IS NULL OR (ST_IsValid(geom) AND ST_NPoints(geom) >= 2
    AND ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -85.05 AND ST_YMax(geom) <= 85.05))
);
COMMENT ON TABLE patrol IS 'Daily patrols of production subjects: checklist answers, outcome and GPS track.';
COMMENT ON COLUMN patrol.id IS 'Surrogate key.';
COMMENT ON COLUMN patrol.subject_id IS 'The production subject patrolled.';
COMMENT ON COLUMN patrol.grid_id IS 'Village grid of the subject at the time of the patrol, set by trigger.';
COMMENT ON COLUMN patrol.inspector_name IS 'Inspector who carried out the patrol.';
COMMENT ON COLUMN patrol.patrolled_at IS 'Start of the visit.';
COMMENT ON COLUMN patrol.checklist IS 'Answers to the seven checks of annex 1: {check: {status: ok|problem|na, note}}.';
COMMENT ON COLUMN patrol.outcome IS 'compliant 合格 | rectify 限期整改 | refer 移交执法.';
COMMENT ON COLUMN patrol.rectify_deadline IS 'Deadline of the rectification; required when outcome is rectify.';
COMMENT ON COLUMN patrol.notes IS 'Free-text notes.';
COMMENT ON COLUMN patrol.geom IS 'GPS track of the visit, EPSG:4326 (WGS84 from the phone).';
COMMENT ON COLUMN patrol.geom_3857 IS 'Track in Web Mercator, derived, for vector tiles.';
COMMENT ON COLUMN patrol.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN patrol.created_at IS 'Creation time.';
COMMENT ON COLUMN patrol.created_by IS 'Author of the row.';
COMMENT ON COLUMN patrol.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN patrol.updated_by IS 'Author of the last update.';

CREATE INDEX patrol_geom_idx ON patrol USING gist (geom);
CREATE INDEX patrol_geom_3857_idx ON patrol USING gist (geom_3857);
CREATE INDEX patrol_subject_idx ON patrol (subject_id);
CREATE INDEX patrol_grid_idx ON patrol (grid_id);
CREATE INDEX patrol_patrolled_at_idx ON patrol (patrolled_at);

CREATE FUNCTION patrol_assign_grid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.subject_id <> OLD.subject_id THEN
    SELECT grid_id INTO NEW.grid_id FROM production_subject WHERE id = NEW.subject_id;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION patrol_assign_grid() IS 'Row trigger: records the subject''s village grid on the patrol when it is written.';

CREATE TRIGGER patrol_grid BEFORE INSERT OR UPDATE ON patrol FOR EACH ROW EXECUTE FUNCTION patrol_assign_grid();
CREATE TRIGGER patrol_touch BEFORE UPDATE ON patrol FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER patrol_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON patrol
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
