-- GB 15618-2018 (土壤环境质量 农用地土壤污染风险管控标准) as data: the standard with its sources, and its risk
-- screening values (Cd Hg As Pb Cr Cu Ni Zn) and risk intervention values (Cd Hg As Pb Cr) by pH band and land use.
-- Soil samples and zoning runs are classified by looking rows up here; no limit is written in code. Values are
-- editable (each change keeps the previous value in soil_standard_value_history) and a zoning run stores a copy of
-- the rows it used. The rows below come from server/src/domain/soil/data/gb15618.json (a copy of
-- shared/standards/gb15618.json with the sources of every value); an integration test checks they agree.

CREATE TABLE soil_standard (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text NOT NULL,
  title           text NOT NULL,
  effective_from  date NOT NULL,
  effective_to    date,
  unit            text NOT NULL DEFAULT 'mg/kg',
  source          jsonb NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT app_current_user(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT soil_standard_code_key UNIQUE (code),
  CONSTRAINT soil_standard_code_check CHECK (length(btrim(code)) BETWEEN 1 AND 40),
  CONSTRAINT soil_standard_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT soil_standard_dates CHECK (effective_to IS NULL OR effective_to > effective_from),
  CONSTRAINT soil_standard_unit_check CHECK (unit = 'mg/kg'),
  CONSTRAINT soil_standard_source_object CHECK (jsonb_typeof(source) = 'object')
);
COMMENT ON TABLE soil_standard IS 'Editions of the farmland soil risk-control standard (GB 15618) with where their values come from.';
COMMENT ON COLUMN soil_standard.id IS 'Surrogate key.';
COMMENT ON COLUMN soil_standard.code IS 'Edition code, e.g. GB 15618-2018.';
COMMENT ON COLUMN soil_standard.title IS 'Chinese title.';
COMMENT ON COLUMN soil_standard.effective_from IS 'First day in force.';
COMMENT ON COLUMN soil_standard.effective_to IS 'Day it was replaced (exclusive); NULL while in force.';
COMMENT ON COLUMN soil_standard.unit IS 'Unit of every value: mg/kg dry soil, total content.';
COMMENT ON COLUMN soil_standard.source IS 'Issuing bodies, sources of the transcription with URLs, confidence and caveats (from gb15618.json).';
COMMENT ON COLUMN soil_standard.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN soil_standard.created_at IS 'Creation time.';
COMMENT ON COLUMN soil_standard.created_by IS 'Author of the row.';
COMMENT ON COLUMN soil_standard.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN soil_standard.updated_by IS 'Author of the last update.';

CREATE TRIGGER soil_standard_touch BEFORE UPDATE ON soil_standard FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER soil_standard_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON soil_standard
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();

CREATE TABLE soil_standard_value (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  standard_id      bigint NOT NULL REFERENCES soil_standard (id) ON DELETE RESTRICT,
  metal            text NOT NULL,
  kind             text NOT NULL,
  land_use_column  text NOT NULL,
  land_uses        text[] NOT NULL,
  ph_above         double precision,
  ph_up_to         double precision,
  value_mgkg       double precision NOT NULL,
  source           text NOT NULL,
  note             text,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL DEFAULT app_current_user(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT soil_standard_value_metal_check CHECK (metal IN ('cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn')),
  CONSTRAINT soil_standard_value_kind_check CHECK (kind IN ('screening', 'intervention')),
  CONSTRAINT soil_standard_value_column_check CHECK (land_use_column IN ('paddy', 'orchard', 'other', 'all')),
  CONSTRAINT soil_standard_value_land_uses_check CHECK (
    cardinality(land_uses) BETWEEN 1 AND 4 AND land_uses <@ ARRAY['paddy', 'dry', 'orchard', 'other']::text[]),
  CONSTRAINT soil_standard_value_ph_check CHECK (
    (ph_above IS NULL OR ph_above BETWEEN 0 AND 14) AND (ph_up_to IS NULL OR ph_up_to BETWEEN 0 AND 14)
    AND (ph_above IS NULL OR ph_up_to IS NULL OR ph_above < ph_up_to)),
  CONSTRAINT soil_standard_value_value_check CHECK (value_mgkg > 0 AND value_mgkg < 'Infinity'),
  CONSTRAINT soil_standard_value_source_check CHECK (length(btrim(source)) BETWEEN 1 AND 200),
  CONSTRAINT soil_standard_value_key UNIQUE NULLS NOT DISTINCT (standard_id, metal, kind, land_use_column, ph_above, ph_up_to)
);
COMMENT ON TABLE soil_standard_value IS 'GB 15618 risk screening and intervention values (mg/kg) per metal, pH band and land use; what soil classification looks up.';
COMMENT ON COLUMN soil_standard_value.id IS 'Surrogate key.';
COMMENT ON COLUMN soil_standard_value.standard_id IS 'The edition (soil_standard).';
COMMENT ON COLUMN soil_standard_value.metal IS 'cd 镉 | hg 汞 | as 砷 | pb 铅 | cr 铬 | cu 铜 | ni 镍 | zn 锌.';
COMMENT ON COLUMN soil_standard_value.kind IS 'screening 风险筛选值 | intervention 风险管制值.';
COMMENT ON COLUMN soil_standard_value.land_use_column IS 'The column of the standard''s table: paddy 水田, orchard 果园, other 其他, all (no split).';
COMMENT ON COLUMN soil_standard_value.land_uses IS 'Sample land uses (paddy, dry, orchard, other) the value applies to; rows of one metal and kind never share a land use in overlapping pH bands.';
COMMENT ON COLUMN soil_standard_value.ph_above IS 'Exclusive lower bound of the pH band (NULL: no lower bound).';
COMMENT ON COLUMN soil_standard_value.ph_up_to IS 'Inclusive upper bound of the pH band (NULL: no upper bound); pH 5.5 belongs to the band ≤ 5.5.';
COMMENT ON COLUMN soil_standard_value.value_mgkg IS 'The value, mg/kg.';
COMMENT ON COLUMN soil_standard_value.source IS 'Where in the standard the value is (table), or who changed it and why.';
COMMENT ON COLUMN soil_standard_value.note IS 'Caveats.';
COMMENT ON COLUMN soil_standard_value.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN soil_standard_value.created_at IS 'Creation time.';
COMMENT ON COLUMN soil_standard_value.created_by IS 'Author of the row.';
COMMENT ON COLUMN soil_standard_value.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN soil_standard_value.updated_by IS 'Author of the last update.';

CREATE INDEX soil_standard_value_lookup_idx ON soil_standard_value (standard_id, metal, kind);

-- Two rows of one edition, metal and kind must not both apply to one land use at one pH.
CREATE FUNCTION soil_standard_value_check_overlap() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM soil_standard_value o
    WHERE o.id <> NEW.id AND o.standard_id = NEW.standard_id AND o.metal = NEW.metal AND o.kind = NEW.kind
      AND o.land_uses && NEW.land_uses
      AND (o.ph_up_to IS NULL OR NEW.ph_above IS NULL OR NEW.ph_above < o.ph_up_to)
      AND (NEW.ph_up_to IS NULL OR o.ph_above IS NULL OR o.ph_above < NEW.ph_up_to)) THEN
    RAISE EXCEPTION 'soil standard value % % for % overlaps another row in land use and pH band', NEW.metal, NEW.kind, NEW.land_uses
      USING ERRCODE = 'check_violation', CONSTRAINT = 'soil_standard_value_overlap';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION soil_standard_value_check_overlap() IS 'Rejects a standard value whose land uses and pH band overlap another row of the same edition, metal and kind.';

-- Every change or deletion keeps the previous row.
CREATE TABLE soil_standard_value_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  value_id    bigint NOT NULL,
  operation   text NOT NULL,
  old_row     jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT soil_standard_value_history_operation_check CHECK (operation IN ('UPDATE', 'DELETE')),
  CONSTRAINT soil_standard_value_history_row_object CHECK (jsonb_typeof(old_row) = 'object')
);
COMMENT ON TABLE soil_standard_value_history IS 'Previous versions of soil_standard_value rows: what a value was before each change or deletion, and who changed it when.';
COMMENT ON COLUMN soil_standard_value_history.id IS 'Surrogate key.';
COMMENT ON COLUMN soil_standard_value_history.value_id IS 'The soil_standard_value row changed (not a foreign key: deleted rows keep their history).';
COMMENT ON COLUMN soil_standard_value_history.operation IS 'UPDATE or DELETE.';
COMMENT ON COLUMN soil_standard_value_history.old_row IS 'The row before the change, as JSON.';
COMMENT ON COLUMN soil_standard_value_history.version IS 'Optimistic-concurrency version (history rows are never edited).';
COMMENT ON COLUMN soil_standard_value_history.created_at IS 'Time of the change.';
COMMENT ON COLUMN soil_standard_value_history.created_by IS 'Who made the change.';
COMMENT ON COLUMN soil_standard_value_history.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN soil_standard_value_history.updated_by IS 'Author of the last update.';
CREATE INDEX soil_standard_value_history_value_idx ON soil_standard_value_history (value_id);

CREATE FUNCTION soil_standard_value_keep_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO soil_standard_value_history (value_id, operation, old_row) VALUES (OLD.id, TG_OP, to_jsonb(OLD));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION soil_standard_value_keep_history() IS 'Row trigger: records the previous version of a changed or deleted standard value.';

CREATE TRIGGER soil_standard_value_overlap BEFORE INSERT OR UPDATE ON soil_standard_value
  FOR EACH ROW EXECUTE FUNCTION soil_standard_value_check_overlap();
CREATE TRIGGER soil_standard_value_touch BEFORE UPDATE ON soil_standard_value FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER soil_standard_value_history AFTER UPDATE OR DELETE ON soil_standard_value
  FOR EACH ROW EXECUTE FUNCTION soil_standard_value_keep_history();
CREATE TRIGGER soil_standard_value_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON soil_standard_value
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER soil_standard_value_history_touch BEFORE UPDATE ON soil_standard_value_history
  FOR EACH ROW EXECUTE FUNCTION touch_row();

INSERT INTO soil_standard (code, title, effective_from, source) VALUES (
  'GB 15618-2018',
  '土壤环境质量 农用地土壤污染风险管控标准（试行）',
  '2018-08-01',
  '{
    "issued_by": "Ministry of Ecology and Environment (MEE) + SAMR",
    "approved": "2018-05-17",
    "replaces": "GB 15618-1995",
    "scope": "screening/classification of cultivated land (耕地); orchards (园地) and pasture (牧草地) may refer to it",
    "classification_rule": "≤ screening: 优先保护类; screening < value ≤ intervention (Cd Hg As Pb Cr): 安全利用类; > intervention: 严格管控类; Cu Ni Zn have screening values only: exceedance means closer monitoring, never strict control",
    "band_boundary_rule": "pH exactly 5.5 -> first band, 6.5 -> second, 7.5 -> third (upper bounds inclusive)",
    "confidence": "high: two independent full transcriptions and several partial ones agree; one states it was checked against the official PDF",
    "sources": {
      "MEE": "https://www.mee.gov.cn/ywgz/fgbz/bz/bzwb/trhj/201807/t20180703_446029.shtml",
      "SRS_csv": "https://github.com/lensis22414017/SRS/blob/82050c355701f1c5599ff83707140f0c8125c542/data/standards/gb15618_2018_official.csv (transcription checked against the MEE PDF, Table 1 p.2, Tables 2-3 p.3)",
      "gcs66": "https://www.gcs66.com/document_detail/25168.html",
      "cjee": "http://cjee.ac.cn/article/id/639a91e3c59bc323c975c9a8",
      "siyuan9": "http://siyuan9.cn/Article-2837172.html"
    },
    "not_verified": [
      "Table 1 footnote: paddy-upland rotation land uses the stricter screening value (水旱轮作地采用较严格值)",
      "Table 1 footnote: metals and As as total element content"
    ]
  }'::jsonb);

INSERT INTO soil_standard_value (standard_id, metal, kind, land_use_column, land_uses, ph_above, ph_up_to, value_mgkg, source)
SELECT s.id, v.metal, v.kind, v.land_use_column, v.land_uses, v.ph_above, v.ph_up_to, v.value_mgkg, 'GB 15618-2018 ' || v.source
FROM soil_standard s, (VALUES
    ('cd', 'screening', 'paddy', ARRAY['paddy'], NULL, 5.5, 0.3, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'paddy', ARRAY['paddy'], 5.5, 6.5, 0.4, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'paddy', ARRAY['paddy'], 6.5, 7.5, 0.6, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'paddy', ARRAY['paddy'], 7.5, NULL, 0.8, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], NULL, 5.5, 0.3, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 5.5, 6.5, 0.3, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 6.5, 7.5, 0.3, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 7.5, NULL, 0.6, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'paddy', ARRAY['paddy'], NULL, 5.5, 0.5, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'paddy', ARRAY['paddy'], 5.5, 6.5, 0.5, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'paddy', ARRAY['paddy'], 6.5, 7.5, 0.6, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'paddy', ARRAY['paddy'], 7.5, NULL, 1, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], NULL, 5.5, 1.3, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 5.5, 6.5, 1.8, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 6.5, 7.5, 2.4, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('hg', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 7.5, NULL, 3.4, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'paddy', ARRAY['paddy'], NULL, 5.5, 30, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'paddy', ARRAY['paddy'], 5.5, 6.5, 30, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'paddy', ARRAY['paddy'], 6.5, 7.5, 25, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'paddy', ARRAY['paddy'], 7.5, NULL, 20, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], NULL, 5.5, 40, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 5.5, 6.5, 40, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 6.5, 7.5, 30, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('as', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 7.5, NULL, 25, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'paddy', ARRAY['paddy'], NULL, 5.5, 80, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'paddy', ARRAY['paddy'], 5.5, 6.5, 100, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'paddy', ARRAY['paddy'], 6.5, 7.5, 140, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'paddy', ARRAY['paddy'], 7.5, NULL, 240, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], NULL, 5.5, 70, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 5.5, 6.5, 90, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 6.5, 7.5, 120, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('pb', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 7.5, NULL, 170, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'paddy', ARRAY['paddy'], NULL, 5.5, 250, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'paddy', ARRAY['paddy'], 5.5, 6.5, 250, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'paddy', ARRAY['paddy'], 6.5, 7.5, 300, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'paddy', ARRAY['paddy'], 7.5, NULL, 350, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], NULL, 5.5, 150, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 5.5, 6.5, 150, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 6.5, 7.5, 200, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cr', 'screening', 'other', ARRAY['dry', 'orchard', 'other'], 7.5, NULL, 250, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'orchard', ARRAY['orchard'], NULL, 5.5, 150, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'orchard', ARRAY['orchard'], 5.5, 6.5, 150, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'orchard', ARRAY['orchard'], 6.5, 7.5, 200, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'orchard', ARRAY['orchard'], 7.5, NULL, 200, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'other', ARRAY['paddy', 'dry', 'other'], NULL, 5.5, 50, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'other', ARRAY['paddy', 'dry', 'other'], 5.5, 6.5, 50, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'other', ARRAY['paddy', 'dry', 'other'], 6.5, 7.5, 100, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cu', 'screening', 'other', ARRAY['paddy', 'dry', 'other'], 7.5, NULL, 100, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('ni', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 60, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('ni', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 70, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('ni', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 100, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('ni', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 190, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('zn', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 200, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('zn', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 200, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('zn', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 250, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('zn', 'screening', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 300, '表1 农用地土壤污染风险筛选值（基本项目）'),
    ('cd', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 1.5, '表3 农用地土壤污染风险管制值'),
    ('cd', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 2, '表3 农用地土壤污染风险管制值'),
    ('cd', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 3, '表3 农用地土壤污染风险管制值'),
    ('cd', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 4, '表3 农用地土壤污染风险管制值'),
    ('hg', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 2, '表3 农用地土壤污染风险管制值'),
    ('hg', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 2.5, '表3 农用地土壤污染风险管制值'),
    ('hg', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 4, '表3 农用地土壤污染风险管制值'),
    ('hg', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 6, '表3 农用地土壤污染风险管制值'),
    ('as', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 200, '表3 农用地土壤污染风险管制值'),
    ('as', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 150, '表3 农用地土壤污染风险管制值'),
    ('as', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 120, '表3 农用地土壤污染风险管制值'),
    ('as', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 100, '表3 农用地土壤污染风险管制值'),
    ('pb', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 400, '表3 农用地土壤污染风险管制值'),
    ('pb', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 500, '表3 农用地土壤污染风险管制值'),
    ('pb', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 700, '表3 农用地土壤污染风险管制值'),
    ('pb', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 1000, '表3 农用地土壤污染风险管制值'),
    ('cr', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], NULL, 5.5, 800, '表3 农用地土壤污染风险管制值'),
    ('cr', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 5.5, 6.5, 850, '表3 农用地土壤污染风险管制值'),
    ('cr', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 6.5, 7.5, 1000, '表3 农用地土壤污染风险管制值'),
    ('cr', 'intervention', 'all', ARRAY['paddy', 'dry', 'orchard', 'other'], 7.5, NULL, 1300, '表3 农用地土壤污染风险管制值')
) AS v (metal, kind, land_use_column, land_uses, ph_above, ph_up_to, value_mgkg, source)
WHERE s.code = 'GB 15618-2018';
