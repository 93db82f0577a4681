-- Production subjects (生产主体) of the registry (生产主体名录), each inside the village grid that contains it.

-- Shared by every point table: the village grid whose boundary covers the point (lowest id on a shared border).
CREATE FUNCTION village_grid_at(p geometry) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT g.id FROM grid_unit g
  WHERE g.level = 'village' AND g.geom && p AND ST_Covers(g.geom, p)
  ORDER BY g.id LIMIT 1
$$;
COMMENT ON FUNCTION village_grid_at(geometry) IS 'The village grid that covers a point (the lowest id where borders are shared), or NULL.';

-- Row trigger for point tables with (geom, grid_id): a located row must lie in a village grid.
CREATE FUNCTION assign_village_grid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.geom IS NULL THEN
    NEW.grid_id := NULL;
    RETURN NEW;
  END IF;
  -- Recomputed on every write, so a row can never keep a stale grid after its point or a boundary moves.
  NEW.grid_id := village_grid_at(NEW.geom);
  IF NEW.grid_id IS NULL THEN
    RAISE EXCEPTION '%: location % is not inside any village grid', TG_TABLE_NAME, ST_AsText(NEW.geom)
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_inside_grid';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION assign_village_grid() IS 'Row trigger: sets grid_id to the village grid containing geom; rejects points outside every village grid.';

CREATE TABLE production_subject (
  id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                      text NOT NULL,
  name                      text NOT NULL,
  type                      text NOT NULL,
  credit_code               text,
  legal_rep                 text,
  phone                     text,
  address                   text,
  main_products             text[] NOT NULL DEFAULT '{}',
  certifications            text[] NOT NULL DEFAULT '{}',
  traceability              boolean NOT NULL DEFAULT false,
  issues_certificate        boolean NOT NULL DEFAULT false,
  credit_class              char(1),
  key_list                  boolean NOT NULL DEFAULT false,
  internal_controller_name  text,
  internal_controller_phone text,
  geom                      geometry(Point, 4326),
  geom_3857                 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  base_geom                 geometry(MultiPolygon, 4326),
  base_geom_3857            geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(base_geom, 3857)) STORED,
  grid_id                   bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  status                    text NOT NULL DEFAULT 'active',
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  created_by                text NOT NULL DEFAULT app_current_user(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  updated_by                text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT production_subject_code_key UNIQUE (code),
  CONSTRAINT production_subject_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
  CONSTRAINT production_subject_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  CONSTRAINT production_subject_type_check CHECK (type IN (
    'enterprise', 'cooperative', 'family_farm', 'large_grower', 'small_household', 'input_shop', 'storage_transport')),
  -- Format of the 18-character unified social credit code; its check character is validated by the service.
  CONSTRAINT production_subject_credit_code_format CHECK (
    credit_code IS NULL OR credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  CONSTRAINT production_subject_phone_format CHECK (
    phone IS NULL OR phone ~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$'),
  CONSTRAINT production_subject_controller_phone_format CHECK (
    internal_controller_phone IS NULL OR internal_controller_phone ~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$'),
  CONSTRAINT production_subject_main_products_check CHECK (main_products <@ ARRAY[
    'vegetable', 'fruit', 'tea', 'grain_oil', 'livestock_poultry', 'aquatic', 'edible_fungi', 'other']::text[]),
  CONSTRAINT production_subject_certifications_check CHECK (certifications <@ ARRAY[
    'pollution_free', 'green_food', 'organic', 'geo_indication']::text[]),
  CONSTRAINT production_subject_credit_class_check CHECK (credit_class IS NULL OR credit_class IN ('A', 'B', 'C')),
  CONSTRAINT production_subject_status_check CHECK (status IN ('active', 'retired')),
  CONSTRAINT production_subject_geom_valid CHECK (geom IS NULL OR (NOT ST_IsEmpty(geom)
    AND ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -85.05 AND 85.05)),
  CONSTRAINT production_subject_base_valid CHECK (base_geom IS NULL OR (ST_IsValid(base_geom) AND NOT ST_IsEmpty(base_geom)
    AND ST_XMin(base_geom) >= -180 AND ST_XMax(base_geom) <= 180 AND ST_YMin(base_geom) >= -85.05 AND ST_YMax(base_geom) <= 85.05)),
  CONSTRAINT production_subject_base_needs_point CHECK (base_geom IS NULL OR geom IS NOT NULL)
);
COMMENT ON TABLE production_subject IS 'Production subjects of the registry (生产主体名录): enterprises, co-operatives, family farms, growers, households, input shops, storage/transport operators.';
COMMENT ON COLUMN production_subject.id IS 'Surrogate key.';
COMMENT ON COLUMN production_subject.code IS 'Registry code, unique (upper-case letters, digits, hyphens).';
COMMENT ON COLUMN production_subject.name IS 'Name of the subject (unit name, or the householder''s name for a household).';
COMMENT ON COLUMN production_subject.type IS 'enterprise 生产企业 | cooperative 农民专业合作社 | family_farm 家庭农场 | large_grower 种养大户 | small_household 散户 | input_shop 农资经营店 | storage_transport 收贮运.';
COMMENT ON COLUMN production_subject.credit_code IS 'Unified social credit code (统一社会信用代码), 18 characters; NULL for households.';
COMMENT ON COLUMN production_subject.legal_rep IS 'Legal representative or householder.';
COMMENT ON COLUMN production_subject.phone IS 'Contact phone.';
COMMENT ON COLUMN production_subject.address IS 'Address as written in the registry.';
COMMENT ON COLUMN production_subject.main_products IS 'Main product categories: vegetable, fruit, tea, grain_oil, livestock_poultry, aquatic, edible_fungi, other.';
COMMENT ON COLUMN production_subject.certifications IS '三品一标: pollution_free 无公害, green_food 绿色食品, organic 有机, geo_indication 地理标志.';
COMMENT ON COLUMN production_subject.traceability IS 'Enrolled on the national or provincial traceability platform (追溯平台).';
COMMENT ON COLUMN production_subject.issues_certificate IS 'Issues edible-agricultural-product compliance certificates (承诺达标合格证).';
COMMENT ON COLUMN production_subject.credit_class IS 'Credit class: A 较好 good, B 重点监控名单 key monitoring list, C 黑名单 blacklist; NULL when not rated.';
COMMENT ON COLUMN production_subject.key_list IS 'On the key supervision list (重点监管名录).';
COMMENT ON COLUMN production_subject.internal_controller_name IS 'Internal quality controller (内检员).';
COMMENT ON COLUMN production_subject.internal_controller_phone IS 'Phone of the internal quality controller.';
COMMENT ON COLUMN production_subject.geom IS 'Location, EPSG:4326; NULL when the registry has only an address.';
COMMENT ON COLUMN production_subject.geom_3857 IS 'Location in Web Mercator, derived, for vector tiles.';
COMMENT ON COLUMN production_subject.base_geom IS 'Production base boundary (生产基地), optional.';
COMMENT ON COLUMN production_subject.base_geom_3857 IS 'Base boundary in Web Mercator, derived, for vector tiles.';
COMMENT ON COLUMN production_subject.grid_id IS 'Village grid containing the location, kept by trigger; NULL without a location.';
COMMENT ON COLUMN production_subject.status IS 'active | retired (subjects are retired, never deleted).';
COMMENT ON COLUMN production_subject.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN production_subject.created_at IS 'Creation time.';
COMMENT ON COLUMN production_subject.created_by IS 'Author of the row.';
COMMENT ON COLUMN production_subject.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN production_subject.updated_by IS 'Author of the last update.';

CREATE INDEX production_subject_geom_idx ON production_subject USING gist (geom);
CREATE INDEX production_subject_geom_3857_idx ON production_subject USING gist (geom_3857);
CREATE INDEX production_subject_base_geom_idx ON production_subject USING gist (base_geom);
CREATE INDEX production_subject_base_geom_3857_idx ON production_subject USING gist (base_geom_3857);
CREATE INDEX production_subject_grid_idx ON production_subject (grid_id);

CREATE TRIGGER production_subject_grid BEFORE INSERT OR UPDATE ON production_subject
  FOR EACH ROW EXECUTE FUNCTION assign_village_grid();
CREATE TRIGGER production_subject_touch BEFORE UPDATE ON production_subject
  FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER production_subject_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON production_subject
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
