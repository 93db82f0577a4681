-- Soil contamination zoning (issue 5): each run interpolates one metal over an area, classifies the surface into the
-- GB 15618 farmland classes and keeps the zones as polygons. Runs are kept (with their parameters, variogram,
-- cross-validation, the standard values they used and the interpolated surfaces) so they can be compared later.

CREATE TABLE soil_zone_run (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text NOT NULL,
  metal            text NOT NULL,
  variable         text NOT NULL,
  method           text NOT NULL,
  parameters       jsonb NOT NULL,
  variogram        jsonb,
  log_variogram    jsonb,
  cross_validation jsonb NOT NULL,
  area_grid_id     bigint NOT NULL REFERENCES grid_unit (id) ON DELETE RESTRICT,
  cell_size_m      double precision NOT NULL,
  land_use_rule    text NOT NULL,
  sample_filter    jsonb NOT NULL,
  sample_count     integer NOT NULL,
  merged_samples   integer NOT NULL DEFAULT 0,
  sampled_from     date NOT NULL,
  sampled_to       date NOT NULL,
  standard_id      bigint NOT NULL REFERENCES soil_standard (id) ON DELETE RESTRICT,
  standard_values  jsonb NOT NULL,
  projection       text NOT NULL,
  grid             jsonb NOT NULL,
  surface          bytea NOT NULL,
  suggestions      jsonb NOT NULL DEFAULT '[]',
  summary          jsonb NOT NULL,
  warnings         text[] NOT NULL DEFAULT '{}',
  duration_ms      integer NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL DEFAULT app_current_user(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT soil_zone_run_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  CONSTRAINT soil_zone_run_metal_check CHECK (metal IN ('cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn')),
  CONSTRAINT soil_zone_run_variable_check CHECK (variable IN ('concentration', 'ratio')),
  CONSTRAINT soil_zone_run_method_check CHECK (method IN ('idw', 'kriging')),
  CONSTRAINT soil_zone_run_parameters_object CHECK (jsonb_typeof(parameters) = 'object'),
  CONSTRAINT soil_zone_run_variogram_for_kriging CHECK ((method = 'kriging') = (variogram IS NOT NULL)),
  CONSTRAINT soil_zone_run_cross_validation_object CHECK (jsonb_typeof(cross_validation) = 'object'),
  CONSTRAINT soil_zone_run_cell_size_check CHECK (cell_size_m >= 10 AND cell_size_m <= 10000),
  CONSTRAINT soil_zone_run_land_use_rule_check CHECK (land_use_rule IN ('nearest', 'paddy', 'dry', 'orchard', 'other')),
  CONSTRAINT soil_zone_run_sample_count_check CHECK (sample_count >= 3 AND merged_samples >= 0),
  CONSTRAINT soil_zone_run_dates CHECK (sampled_to >= sampled_from),
  CONSTRAINT soil_zone_run_standard_values_array CHECK (jsonb_typeof(standard_values) = 'array'),
  CONSTRAINT soil_zone_run_grid_object CHECK (jsonb_typeof(grid) = 'object'),
  CONSTRAINT soil_zone_run_suggestions_array CHECK (jsonb_typeof(suggestions) = 'array'),
  CONSTRAINT soil_zone_run_summary_object CHECK (jsonb_typeof(summary) = 'object'),
  CONSTRAINT soil_zone_run_duration_check CHECK (duration_ms >= 0)
);
COMMENT ON TABLE soil_zone_run IS 'One soil zoning run: a metal interpolated over an area by IDW or kriging and classified into the GB 15618 farmland classes, with everything needed to judge and repeat it.';
COMMENT ON COLUMN soil_zone_run.id IS 'Surrogate key.';
COMMENT ON COLUMN soil_zone_run.name IS 'Name given by the analyst.';
COMMENT ON COLUMN soil_zone_run.metal IS 'The metal interpolated: cd, hg, as, pb, cr, cu, ni, zn.';
COMMENT ON COLUMN soil_zone_run.variable IS 'concentration (mg/kg) or ratio (value ÷ the sample''s screening value).';
COMMENT ON COLUMN soil_zone_run.method IS 'idw | kriging (ordinary).';
COMMENT ON COLUMN soil_zone_run.parameters IS 'Method parameters as requested and as used (power, neighbours, search radius in metres, lag options).';
COMMENT ON COLUMN soil_zone_run.variogram IS 'Kriging: the lag table, the model used (nugget, psill, range in metres), whether it was fitted, and every model tried.';
COMMENT ON COLUMN soil_zone_run.log_variogram IS 'The variogram of ln(value) behind the exceedance probabilities; NULL when they could not be computed.';
COMMENT ON COLUMN soil_zone_run.cross_validation IS 'Leave-one-out figures: n, ME, RMSE, MSSE and 90 % interval coverage (kriging), and per-sample residuals.';
COMMENT ON COLUMN soil_zone_run.area_grid_id IS 'The grid (county, township or village) the zones are clipped to.';
COMMENT ON COLUMN soil_zone_run.cell_size_m IS 'Cell size of the interpolation grid, metres.';
COMMENT ON COLUMN soil_zone_run.land_use_rule IS 'Land use selecting the standard values per cell: nearest (of the nearest sample) or one land use for the whole area.';
COMMENT ON COLUMN soil_zone_run.sample_filter IS 'Which samples were used: sampling dates and land uses asked for.';
COMMENT ON COLUMN soil_zone_run.sample_count IS 'Sample locations used after merging repeated samples of one place.';
COMMENT ON COLUMN soil_zone_run.merged_samples IS 'Samples merged into another of the same place (within 1 m): their values were averaged.';
COMMENT ON COLUMN soil_zone_run.sampled_from IS 'Earliest sampling date among the samples used.';
COMMENT ON COLUMN soil_zone_run.sampled_to IS 'Latest sampling date among the samples used.';
COMMENT ON COLUMN soil_zone_run.standard_id IS 'The GB 15618 edition used.';
COMMENT ON COLUMN soil_zone_run.standard_values IS 'Copy of the standard values of the metal at the time of the run (they are editable).';
COMMENT ON COLUMN soil_zone_run.projection IS 'PROJ definition of the local projection (metres) the grid is laid in.';
COMMENT ON COLUMN soil_zone_run.grid IS 'The grid: x0, y0 (south-west corner, metres), cellSize, nx, ny; cell (i, j) has index i + j·nx.';
COMMENT ON COLUMN soil_zone_run.surface IS 'The surfaces per cell as little-endian float32 arrays of nx·ny values (NaN outside the area), in the order of summary.surfaceLayers.';
COMMENT ON COLUMN soil_zone_run.suggestions IS 'Suggested new sampling locations where the class is most uncertain.';
COMMENT ON COLUMN soil_zone_run.summary IS 'Cells and area (亩) per class, surface layer names, sample statistics.';
COMMENT ON COLUMN soil_zone_run.warnings IS 'Warnings of the run, e.g. PROBABILITY_UNAVAILABLE.';
COMMENT ON COLUMN soil_zone_run.duration_ms IS 'Computing time of the run.';
COMMENT ON COLUMN soil_zone_run.version IS 'Optimistic-concurrency version (the name is editable).';
COMMENT ON COLUMN soil_zone_run.created_at IS 'Time of the run.';
COMMENT ON COLUMN soil_zone_run.created_by IS 'Who ran it.';
COMMENT ON COLUMN soil_zone_run.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN soil_zone_run.updated_by IS 'Author of the last update.';

CREATE INDEX soil_zone_run_metal_idx ON soil_zone_run (metal, created_at DESC);
CREATE INDEX soil_zone_run_area_idx ON soil_zone_run (area_grid_id);

CREATE TRIGGER soil_zone_run_touch BEFORE UPDATE ON soil_zone_run FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER soil_zone_run_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON soil_zone_run
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();

CREATE TABLE soil_zone (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES soil_zone_run (id) ON DELETE CASCADE,
  class       text NOT NULL,
  geom        geometry(Polygon, 4326) NOT NULL,
  geom_3857   geometry(Polygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2     double precision NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT soil_zone_class_check CHECK (class IN ('priority_protection', 'safe_utilisation', 'strict_control', 'no_data')),
  CONSTRAINT soil_zone_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)
    AND ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -85.05 AND ST_YMax(geom) <= 85.05),
  CONSTRAINT soil_zone_area_check CHECK (area_m2 > 0 AND area_m2 < 'Infinity')
);
COMMENT ON TABLE soil_zone IS 'Zones of a soil zoning run: one row per polygon of a farmland class (or of no data), clipped to the run''s area.';
COMMENT ON COLUMN soil_zone.id IS 'Surrogate key.';
COMMENT ON COLUMN soil_zone.run_id IS 'The run.';
COMMENT ON COLUMN soil_zone.class IS 'priority_protection 优先保护类 | safe_utilisation 安全利用类 | strict_control 严格管控类 | no_data (no sample within the search radius).';
COMMENT ON COLUMN soil_zone.geom IS 'The zone, EPSG:4326; zones of one run do not overlap and together cover the run''s area.';
COMMENT ON COLUMN soil_zone.geom_3857 IS 'The zone in Web Mercator, derived, for vector tiles.';
COMMENT ON COLUMN soil_zone.area_m2 IS 'Geodesic area, m².';
COMMENT ON COLUMN soil_zone.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN soil_zone.created_at IS 'Creation time.';
COMMENT ON COLUMN soil_zone.created_by IS 'Author of the row.';
COMMENT ON COLUMN soil_zone.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN soil_zone.updated_by IS 'Author of the last update.';

CREATE INDEX soil_zone_run_idx ON soil_zone (run_id, class);
CREATE INDEX soil_zone_geom_idx ON soil_zone USING gist (geom);
CREATE INDEX soil_zone_geom_3857_idx ON soil_zone USING gist (geom_3857);

CREATE TRIGGER soil_zone_touch BEFORE UPDATE ON soil_zone FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER soil_zone_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON soil_zone
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
