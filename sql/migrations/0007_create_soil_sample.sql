-- Farmland soil samples (产地环境监测): heavy metals in mg/kg dry soil, pH and land use, as GB 15618-2018 needs them.
CREATE TABLE soil_sample (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL,
  sampled_on  date NOT NULL,
  land_use    text NOT NULL,
  ph          double precision NOT NULL,
  cd_mgkg     double precision,
  hg_mgkg     double precision,
  as_mgkg     double precision,
  pb_mgkg     double precision,
  cr_mgkg     double precision,
  cu_mgkg     double precision,
  ni_mgkg     double precision,
  zn_mgkg     double precision,
  geom        geometry(Point, 4326) NOT NULL,
  geom_3857   geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  grid_id     bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT soil_sample_code_key UNIQUE (code),
  CONSTRAINT soil_sample_code_check CHECK (length(btrim(code)) BETWEEN 1 AND 40),
  CONSTRAINT soil_sample_sampled_on_check CHECK (sampled_on >= '1990-01-01'),
  CONSTRAINT soil_sample_land_use_check CHECK (land_use IN ('paddy', 'dry', 'orchard', 'other')),
  CONSTRAINT soil_sample_ph_check CHECK (ph >= 0 AND ph <= 14),
  CONSTRAINT soil_sample_metals_check CHECK (
    (cd_mgkg IS NULL OR (cd_mgkg >= 0 AND cd_mgkg < 'Infinity')) AND (hg_mgkg IS NULL OR (hg_mgkg >= 0 AND hg_mgkg < 'Infinity')) AND
    (as_mgkg IS NULL OR (as_mgkg >= 0 AND as_mgkg < 'Infinity')) AND (pb_mgkg IS NULL OR (pb_mgkg >= 0 AND pb_mgkg < 'Infinity')) AND
    (cr_mgkg IS NULL OR (cr_mgkg >= 0 AND cr_mgkg < 'Infinity')) AND (cu_mgkg IS NULL OR (cu_mgkg >= 0 AND cu_mgkg < 'Infinity')) AND
    (ni_mgkg IS NULL OR (ni_mgkg >= 0 AND ni_mgkg < 'Infinity')) AND (zn_mgkg IS NULL OR (zn_mgkg >= 0 AND zn_mgkg < 'Infinity'))),
  CONSTRAINT soil_sample_some_metal CHECK (num_nonnulls(cd_mgkg, hg_mgkg, as_mgkg, pb_mgkg, cr_mgkg, cu_mgkg, ni_mgkg, zn_mgkg) > 0),
  CONSTRAINT soil_sample_geom_valid CHECK (NOT ST_IsEmpty(geom) AND ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -85.05 AND 85.05)
);
COMMENT ON TABLE soil_sample IS 'Farmland soil samples with heavy-metal contents, pH and land use (GB 15618-2018 inputs).';
COMMENT ON COLUMN soil_sample.id IS 'Surrogate key.';
COMMENT ON COLUMN soil_sample.code IS 'Sample code, unique.';
COMMENT ON COLUMN soil_sample.sampled_on IS 'Date of sampling.';
COMMENT ON COLUMN soil_sample.land_use IS 'paddy 水田 | dry 旱地 | orchard 果园 | other 其他.';
COMMENT ON COLUMN soil_sample.ph IS 'Soil pH (0–14); selects the GB 15618 pH band.';
COMMENT ON COLUMN soil_sample.cd_mgkg IS 'Cadmium 镉, mg/kg.';
COMMENT ON COLUMN soil_sample.hg_mgkg IS 'Mercury 汞, mg/kg.';
COMMENT ON COLUMN soil_sample.as_mgkg IS 'Arsenic 砷, mg/kg.';
COMMENT ON COLUMN soil_sample.pb_mgkg IS 'Lead 铅, mg/kg.';
COMMENT ON COLUMN soil_sample.cr_mgkg IS 'Chromium 铬, mg/kg.';
COMMENT ON COLUMN soil_sample.cu_mgkg IS 'Copper 铜, mg/kg.';
COMMENT ON COLUMN soil_sample.ni_mgkg IS 'Nickel 镍, mg/kg.';
COMMENT ON COLUMN soil_sample.zn_mgkg IS 'Zinc 锌, mg/kg.';
COMMENT ON COLUMN soil_sample.geom IS 'Sampling point, EPSG:4326.';
COMMENT ON COLUMN soil_sample.geom_3857 IS 'Sampling point in Web Mercator, derived, for vector tiles.';
COMMENT ON COLUMN soil_sample.grid_id IS 'Village grid containing the point, kept by trigger.';
COMMENT ON COLUMN soil_sample.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN soil_sample.created_at IS 'Creation time.';
COMMENT ON COLUMN soil_sample.created_by IS 'Author of the row.';
COMMENT ON COLUMN soil_sample.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN soil_sample.updated_by IS 'Author of the last update.';

CREATE INDEX soil_sample_geom_idx ON soil_sample USING gist (geom);
CREATE INDEX soil_sample_geom_3857_idx ON soil_sample USING gist (geom_3857);
CREATE INDEX soil_sample_grid_idx ON soil_sample (grid_id);

CREATE TRIGGER soil_sample_grid BEFORE INSERT OR UPDATE ON soil_sample FOR EACH ROW EXECUTE FUNCTION assign_village_grid();
CREATE TRIGGER soil_sample_touch BEFORE UPDATE ON soil_sample FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER soil_sample_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON soil_sample
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
