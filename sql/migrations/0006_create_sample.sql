-- Sampling and testing (抽样检测): a sample taken at a place (usually from a production subject) and its per-analyte results.

CREATE TABLE sample (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code               text NOT NULL,
  kind               text NOT NULL,
  sampled_at         timestamptz NOT NULL,
  commodity          text NOT NULL,
  commodity_category text NOT NULL,
  subject_id         bigint REFERENCES production_subject (id) ON DELETE RESTRICT,
  geom               geometry(Point, 4326) NOT NULL,
  geom_3857          geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  grid_id            bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  verdict            text NOT NULL DEFAULT 'pending',
  lab                text,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  created_by         text NOT NULL DEFAULT app_current_user(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT sample_code_key UNIQUE (code),
  CONSTRAINT sample_code_check CHECK (length(btrim(code)) BETWEEN 1 AND 40),
  CONSTRAINT sample_kind_check CHECK (kind IN ('routine', 'supervisory', 'rapid', 'quantitative')),
  CONSTRAINT sample_sampled_at_check CHECK (sampled_at >= '2000-01-01'),
  CONSTRAINT sample_commodity_check CHECK (length(btrim(commodity)) BETWEEN 1 AND 60),
  CONSTRAINT sample_commodity_category_check CHECK (commodity_category IN (
    'vegetable', 'fruit', 'tea', 'grain_oil', 'livestock_poultry', 'aquatic', 'edible_fungi', 'other')),
  CONSTRAINT sample_verdict_check CHECK (verdict IN ('pending', 'pass', 'fail', 'suspected')),
  CONSTRAINT sample_geom_valid CHECK (NOT ST_IsEmpty(geom) AND ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -85.05 AND 85.05)
);
COMMENT ON TABLE sample IS 'Samples taken for testing: routine/risk monitoring, supervisory sampling, rapid tests and quantitative lab tests.';
COMMENT ON COLUMN sample.id IS 'Surrogate key.';
COMMENT ON COLUMN sample.code IS 'Sample code as written on the sampling form, unique.';
COMMENT ON COLUMN sample.kind IS 'routine 例行监测 | supervisory 监督抽查 | rapid 快速检测 | quantitative 定量检测.';
COMMENT ON COLUMN sample.sampled_at IS 'Time of sampling; the standard edition in force on this date judges the sample.';
COMMENT ON COLUMN sample.commodity IS 'Commodity sampled, by its Chinese name (e.g. 菠菜).';
COMMENT ON COLUMN sample.commodity_category IS 'Product category of the commodity: vegetable, fruit, tea, grain_oil, livestock_poultry, aquatic, edible_fungi, other.';
COMMENT ON COLUMN sample.subject_id IS 'Production subject sampled, if any.';
COMMENT ON COLUMN sample.geom IS 'Place of sampling, EPSG:4326.';
COMMENT ON COLUMN sample.geom_3857 IS 'Place of sampling in Web Mercator, derived, for vector tiles.';
COMMENT ON COLUMN sample.grid_id IS 'Village grid containing the place of sampling, kept by trigger.';
COMMENT ON COLUMN sample.verdict IS 'pending (no results) | pass | fail | suspected (rapid positive awaiting confirmation): the worst of its results, kept by trigger.';
COMMENT ON COLUMN sample.lab IS 'Testing laboratory or station.';
COMMENT ON COLUMN sample.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN sample.created_at IS 'Creation time.';
COMMENT ON COLUMN sample.created_by IS 'Author of the row.';
COMMENT ON COLUMN sample.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN sample.updated_by IS 'Author of the last update.';

CREATE INDEX sample_geom_idx ON sample USING gist (geom);
CREATE INDEX sample_geom_3857_idx ON sample USING gist (geom_3857);
CREATE INDEX sample_grid_idx ON sample (grid_id);
CREATE INDEX sample_subject_idx ON sample (subject_id);
CREATE INDEX sample_sampled_at_idx ON sample (sampled_at);

CREATE TRIGGER sample_grid BEFORE INSERT OR UPDATE ON sample FOR EACH ROW EXECUTE FUNCTION assign_village_grid();
CREATE TRIGGER sample_touch BEFORE UPDATE ON sample FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER sample_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sample
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();

CREATE TABLE sample_result (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sample_id       bigint NOT NULL REFERENCES sample (id) ON DELETE CASCADE,
  analyte         text NOT NULL,
  value           double precision,
  unit            text NOT NULL DEFAULT 'mg/kg',
  lod             double precision,
  inhibition_pct  double precision,
  limit_value     double precision,
  standard        text,
  verdict         text NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT app_current_user(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT sample_result_analyte_key UNIQUE (sample_id, analyte),
  CONSTRAINT sample_result_analyte_check CHECK (length(btrim(analyte)) BETWEEN 1 AND 80),
  CONSTRAINT sample_result_value_check CHECK (value IS NULL OR (value >= 0 AND value < 'Infinity')),
  CONSTRAINT sample_result_unit_check CHECK (unit IN ('mg/kg', '%')),
  CONSTRAINT sample_result_lod_check CHECK (lod IS NULL OR (lod >= 0 AND lod < 'Infinity')),
  CONSTRAINT sample_result_inhibition_check CHECK (inhibition_pct IS NULL OR inhibition_pct BETWEEN 0 AND 100),
  CONSTRAINT sample_result_limit_check CHECK (limit_value IS NULL OR (limit_value >= 0 AND limit_value < 'Infinity')),
  CONSTRAINT sample_result_verdict_check CHECK (verdict IN ('pass', 'fail', 'suspected'))
);
COMMENT ON TABLE sample_result IS 'One analyte''s result for a sample, with the limit and standard it was judged by.';
COMMENT ON COLUMN sample_result.id IS 'Surrogate key.';
COMMENT ON COLUMN sample_result.sample_id IS 'The sample.';
COMMENT ON COLUMN sample_result.analyte IS 'Analyte (pesticide, veterinary drug, heavy metal…) by its Chinese name; for rapid tests the test item.';
COMMENT ON COLUMN sample_result.value IS 'Measured concentration in unit; NULL when not detected (below lod).';
COMMENT ON COLUMN sample_result.unit IS 'mg/kg for quantitative results, % for the inhibition rate of a rapid enzyme test.';
COMMENT ON COLUMN sample_result.lod IS 'Limit of detection of the method, in unit.';
COMMENT ON COLUMN sample_result.inhibition_pct IS 'Rapid test only: enzyme inhibition rate in %; ≥ 50 % is a suspected positive.';
COMMENT ON COLUMN sample_result.limit_value IS 'Maximum residue limit applied, in unit (for a banned substance: the detection threshold).';
COMMENT ON COLUMN sample_result.standard IS 'Standard and edition the limit came from (e.g. GB 2763-2021), kept so later editions do not rewrite history.';
COMMENT ON COLUMN sample_result.verdict IS 'pass | fail | suspected.';
COMMENT ON COLUMN sample_result.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN sample_result.created_at IS 'Creation time.';
COMMENT ON COLUMN sample_result.created_by IS 'Author of the row.';
COMMENT ON COLUMN sample_result.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN sample_result.updated_by IS 'Author of the last update.';

CREATE TRIGGER sample_result_touch BEFORE UPDATE ON sample_result FOR EACH ROW EXECUTE FUNCTION touch_row();

-- A sample's verdict is the worst of its results: fail > suspected > pass; without results it is pending.
CREATE FUNCTION sample_refresh_verdict(sample_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE sample s SET verdict = v.verdict
  FROM (
    SELECT i.id,
      CASE
        WHEN bool_or(r.verdict = 'fail') THEN 'fail'
        WHEN bool_or(r.verdict = 'suspected') THEN 'suspected'
        WHEN count(r.id) > 0 THEN 'pass'
        ELSE 'pending'
      END AS verdict
    FROM unnest(sample_ids) AS i(id)
    LEFT JOIN sample_result r ON r.sample_id = i.id
    GROUP BY i.id
  ) v
  WHERE s.id = v.id AND s.verdict <> v.verdict
$$;
COMMENT ON FUNCTION sample_refresh_verdict(bigint[]) IS 'Recomputes sample.verdict from its results for the given samples.';

CREATE FUNCTION sample_result_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sample_refresh_verdict(ARRAY(SELECT DISTINCT sample_id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION sample_result_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sample_refresh_verdict(ARRAY(SELECT sample_id FROM new_rows UNION SELECT sample_id FROM old_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION sample_result_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sample_refresh_verdict(ARRAY(SELECT DISTINCT sample_id FROM old_rows));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION sample_result_after_insert() IS 'Statement trigger: refreshes the verdict of samples that gained results.';
COMMENT ON FUNCTION sample_result_after_update() IS 'Statement trigger: refreshes the verdict of samples whose results changed.';
COMMENT ON FUNCTION sample_result_after_delete() IS 'Statement trigger: refreshes the verdict of samples that lost results.';

CREATE TRIGGER sample_result_verdict_insert AFTER INSERT ON sample_result
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_result_after_insert();
CREATE TRIGGER sample_result_verdict_update AFTER UPDATE ON sample_result
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_result_after_update();
CREATE TRIGGER sample_result_verdict_delete AFTER DELETE ON sample_result
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_result_after_delete();
