-- Supervision grids (网格): the county grid, township grids and village grids, each an administrative unit
-- with a 12-digit statistical division code (province 2 + prefecture 2 + county 2 + township 3 + village 3).
CREATE TABLE grid_unit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        char(12) NOT NULL,
  name        text NOT NULL,
  level       text NOT NULL,
  parent_id   bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  population  integer,
  geom        geometry(MultiPolygon, 4326) NOT NULL,
  geom_3857   geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  label_geom  geometry(Point, 4326),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT grid_unit_code_key UNIQUE (code),
  CONSTRAINT grid_unit_name_in_parent_key UNIQUE (parent_id, name),
  CONSTRAINT grid_unit_code_format CHECK (code ~ '^[0-9]{12}$'),
  CONSTRAINT grid_unit_level_check CHECK (level IN ('county', 'township', 'village')),
  CONSTRAINT grid_unit_code_level CHECK (
    CASE level
      WHEN 'county' THEN substr(code, 7, 6) = '000000' AND substr(code, 5, 2) <> '00'
      WHEN 'township' THEN substr(code, 7, 3) <> '000' AND substr(code, 10, 3) = '000'
      ELSE substr(code, 7, 3) <> '000' AND substr(code, 10, 3) <> '000'
    END),
  CONSTRAINT grid_unit_root_is_county CHECK ((level = 'county') = (parent_id IS NULL)),
  CONSTRAINT grid_unit_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 60),
  CONSTRAINT grid_unit_population_check CHECK (population IS NULL OR population >= 0),
  CONSTRAINT grid_unit_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  CONSTRAINT grid_unit_geom_range CHECK (
    ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -85.05 AND ST_YMax(geom) <= 85.05)
);
COMMENT ON TABLE grid_unit IS 'Supervision grid units of the three-level grid system (county → township → village), each with its boundary.';
COMMENT ON COLUMN grid_unit.id IS 'Surrogate key.';
COMMENT ON COLUMN grid_unit.code IS '12-digit statistical division code (统计用区划代码); a child''s code starts with its parent''s significant digits.';
COMMENT ON COLUMN grid_unit.name IS 'Name of the grid (e.g. the township or village name), unique among siblings.';
COMMENT ON COLUMN grid_unit.level IS 'county (县/市级网格) | township (乡镇级网格) | village (村级网格).';
COMMENT ON COLUMN grid_unit.parent_id IS 'The enclosing grid one level up; NULL only for a county.';
COMMENT ON COLUMN grid_unit.population IS 'Resident population, used for sampling quotas (batches per 1,000 residents); NULL when unknown.';
COMMENT ON COLUMN grid_unit.geom IS 'Boundary, EPSG:4326 (CGCS2000 is treated as identical at map scales).';
COMMENT ON COLUMN grid_unit.geom_3857 IS 'Boundary in Web Mercator, derived from geom, for vector tiles.';
COMMENT ON COLUMN grid_unit.label_geom IS 'Label anchor: centre of the maximum inscribed circle, kept in step with geom by trigger.';
COMMENT ON COLUMN grid_unit.version IS 'Optimistic-concurrency version, incremented on every update.';
COMMENT ON COLUMN grid_unit.created_at IS 'Creation time.';
COMMENT ON COLUMN grid_unit.created_by IS 'Author of the row.';
COMMENT ON COLUMN grid_unit.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN grid_unit.updated_by IS 'Author of the last update.';

CREATE INDEX grid_unit_geom_idx ON grid_unit USING gist (geom);
CREATE INDEX grid_unit_geom_3857_idx ON grid_unit USING gist (geom_3857);
CREATE INDEX grid_unit_label_geom_idx ON grid_unit USING gist (label_geom);
CREATE INDEX grid_unit_parent_idx ON grid_unit (parent_id);
CREATE INDEX grid_unit_level_idx ON grid_unit (level);

-- Hierarchy rules that span rows: the parent is exactly one level up and the code keeps the parent's prefix;
-- a grid with children cannot change level or break its children's code prefix.
CREATE FUNCTION grid_unit_check_hierarchy() RETURNS trigger
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
  IF TG_OP = 'UPDATE' AND (NEW.level <> OLD.level OR NEW.code <> OLD.code) THEN
    IF NEW.level <> OLD.level AND EXISTS (SELECT 1 FROM grid_unit c WHERE c.parent_id = NEW.id) THEN
      RAISE EXCEPTION 'grid % has child grids and cannot change level', OLD.code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_unit_parent_level';
    END IF;
    IF EXISTS (
      SELECT 1 FROM grid_unit c
      WHERE c.parent_id = NEW.id
        AND left(c.code, (CASE c.level WHEN 'township' THEN 6 ELSE 9 END))
            <> left(NEW.code, (CASE c.level WHEN 'township' THEN 6 ELSE 9 END))) THEN
      RAISE EXCEPTION 'changing code % to % would break the code prefix of its child grids', OLD.code, NEW.code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_unit_code_prefix';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom) THEN
    NEW.label_geom := (ST_MaximumInscribedCircle(NEW.geom)).center;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid_unit_check_hierarchy() IS 'Enforces parent level and code prefix rules, and keeps label_geom in step with geom.';

CREATE TRIGGER grid_unit_hierarchy BEFORE INSERT OR UPDATE ON grid_unit
  FOR EACH ROW EXECUTE FUNCTION grid_unit_check_hierarchy();
CREATE TRIGGER grid_unit_touch BEFORE UPDATE ON grid_unit
  FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER grid_unit_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_unit
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
