-- Residue reference data (issue 4): where each value comes from, standard editions with their dates, analytes, the
-- GB 2763 commodity tree, maximum residue limits per edition, and pesticide bans with crops and dates. The rows
-- after the DDL are generated from server/src/domain/residue/data/reference.json (the versioned source) by
-- referenceSql(); later changes go through the reference import, never by editing this file.

CREATE TABLE reference_source (
  key         text PRIMARY KEY,
  name        text NOT NULL,
  url         text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT reference_source_key_check CHECK (key ~ '^[a-z0-9_]{2,40}$'),
  CONSTRAINT reference_source_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 400)
);
COMMENT ON TABLE reference_source IS 'Where reference values come from: a document, page or data set, cited by key from every reference row.';
COMMENT ON COLUMN reference_source.key IS 'Short key cited by reference rows.';
COMMENT ON COLUMN reference_source.name IS 'What the source is and what it says.';
COMMENT ON COLUMN reference_source.url IS 'Where it can be read, when public.';
COMMENT ON COLUMN reference_source.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN reference_source.created_at IS 'Creation time.';
COMMENT ON COLUMN reference_source.created_by IS 'Author of the row.';
COMMENT ON COLUMN reference_source.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN reference_source.updated_by IS 'Author of the last update.';

CREATE TABLE residue_standard (
  code            text PRIMARY KEY,
  family          text NOT NULL,
  title           text NOT NULL,
  issued_on       date,
  effective_from  date NOT NULL,
  fallback_code   text REFERENCES residue_standard (code) ON DELETE RESTRICT,
  fully_loaded    boolean NOT NULL DEFAULT false,
  sources         text[] NOT NULL DEFAULT '{}',
  note            text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT app_current_user(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT residue_standard_code_check CHECK (code ~ '^[A-Z]+(/T)? [0-9.]+-[0-9]{4}$'),
  CONSTRAINT residue_standard_family_check CHECK (family IN ('GB 2763', 'GB 2762', 'GB 31650')),
  CONSTRAINT residue_standard_code_family CHECK (starts_with(code, family)),
  CONSTRAINT residue_standard_dates CHECK (issued_on IS NULL OR issued_on <= effective_from),
  CONSTRAINT residue_standard_fallback_not_self CHECK (fallback_code IS DISTINCT FROM code)
);
COMMENT ON TABLE residue_standard IS 'Editions of the limit standards (GB 2763 pesticides, GB 2762 contaminants): a sample is judged by the edition of each family in force on its sampling date.';
COMMENT ON COLUMN residue_standard.code IS 'Edition code, e.g. GB 2763-2021.';
COMMENT ON COLUMN residue_standard.family IS 'Standard family: GB 2763 (pesticide MRLs), GB 2762 (contaminants), GB 31650 (veterinary drugs).';
COMMENT ON COLUMN residue_standard.title IS 'Chinese title.';
COMMENT ON COLUMN residue_standard.issued_on IS 'Publication date.';
COMMENT ON COLUMN residue_standard.effective_from IS 'First day in force (China calendar date); in force until the next edition of the family takes effect.';
COMMENT ON COLUMN residue_standard.fallback_code IS 'Edition whose limit applies where this edition has none loaded (a supplement, or an edition whose table is not yet entered); results record both.';
COMMENT ON COLUMN residue_standard.fully_loaded IS 'Whether every limit of the edition has been entered; when false, a missing limit means "not loaded", not "no limit".';
COMMENT ON COLUMN residue_standard.sources IS 'Keys of reference_source rows.';
COMMENT ON COLUMN residue_standard.note IS 'Caveats.';
COMMENT ON COLUMN residue_standard.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN residue_standard.created_at IS 'Creation time.';
COMMENT ON COLUMN residue_standard.created_by IS 'Author of the row.';
COMMENT ON COLUMN residue_standard.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN residue_standard.updated_by IS 'Author of the last update.';

CREATE TABLE analyte (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  cas         text,
  class       text NOT NULL,
  kind        text NOT NULL,
  status      text NOT NULL,
  aliases     text[] NOT NULL DEFAULT '{}',
  note        text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT analyte_name_zh_key UNIQUE (name_zh),
  CONSTRAINT analyte_name_zh_check CHECK (length(btrim(name_zh)) BETWEEN 1 AND 80),
  CONSTRAINT analyte_name_en_check CHECK (length(btrim(name_en)) BETWEEN 1 AND 120),
  CONSTRAINT analyte_cas_format CHECK (cas IS NULL OR cas ~ '^[0-9]{2,7}-[0-9]{2}-[0-9]$'),
  CONSTRAINT analyte_class_check CHECK (class ~ '^[a-z_]{2,40}$'),
  CONSTRAINT analyte_kind_check CHECK (kind IN ('pesticide', 'contaminant', 'veterinary_drug', 'rapid_test')),
  CONSTRAINT analyte_status_check CHECK (status IN ('permitted', 'restricted', 'banned', 'not_applicable'))
);
COMMENT ON TABLE analyte IS 'Substances tested for: pesticides, contaminants (heavy metals), veterinary drugs, and the rapid enzyme-inhibition test.';
COMMENT ON COLUMN analyte.id IS 'Surrogate key.';
COMMENT ON COLUMN analyte.name_zh IS 'Chinese common name as in GB 2763 (matches sample_result.analyte).';
COMMENT ON COLUMN analyte.name_en IS 'English (ISO common) name.';
COMMENT ON COLUMN analyte.cas IS 'CAS registry number (check digit validated by the service).';
COMMENT ON COLUMN analyte.class IS 'Chemical class, e.g. organophosphate, carbamate, pyrethroid, neonicotinoid, heavy_metal, beta_agonist.';
COMMENT ON COLUMN analyte.kind IS 'pesticide | contaminant | veterinary_drug | rapid_test.';
COMMENT ON COLUMN analyte.status IS 'Status in China today: permitted, restricted (banned on some crops), banned (all uses), not_applicable. Judging uses pesticide_ban rows with dates, not this summary.';
COMMENT ON COLUMN analyte.aliases IS 'Other names that labs write (e.g. 呋喃丹 for 克百威).';
COMMENT ON COLUMN analyte.note IS 'Caveats (e.g. where the CAS number comes from).';
COMMENT ON COLUMN analyte.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN analyte.created_at IS 'Creation time.';
COMMENT ON COLUMN analyte.created_by IS 'Author of the row.';
COMMENT ON COLUMN analyte.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN analyte.updated_by IS 'Author of the last update.';

CREATE TABLE commodity (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  parent_id   bigint REFERENCES commodity (id) ON DELETE RESTRICT,
  category    text NOT NULL,
  aliases     text[] NOT NULL DEFAULT '{}',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT commodity_name_zh_key UNIQUE (name_zh),
  CONSTRAINT commodity_name_zh_check CHECK (length(btrim(name_zh)) BETWEEN 1 AND 60),
  CONSTRAINT commodity_name_en_check CHECK (length(btrim(name_en)) BETWEEN 1 AND 120),
  CONSTRAINT commodity_not_own_parent CHECK (parent_id IS DISTINCT FROM id),
  CONSTRAINT commodity_category_check CHECK (category IN (
    'vegetable', 'fruit', 'tea', 'grain_oil', 'livestock_poultry', 'aquatic', 'edible_fungi', 'other'))
);
COMMENT ON TABLE commodity IS 'The commodity tree of GB 2763 Annex A (蔬菜 → 叶菜类蔬菜 → 绿叶类 → 菠菜 …): a limit set for a node applies to every node below it unless a lower node has its own.';
COMMENT ON COLUMN commodity.id IS 'Surrogate key.';
COMMENT ON COLUMN commodity.name_zh IS 'Chinese name (matches sample.commodity for leaves).';
COMMENT ON COLUMN commodity.name_en IS 'English name.';
COMMENT ON COLUMN commodity.parent_id IS 'The enclosing group; NULL for a top-level category.';
COMMENT ON COLUMN commodity.category IS 'Product category of the node (as sample.commodity_category).';
COMMENT ON COLUMN commodity.aliases IS 'Other names used by labs (e.g. 普通白菜 for 小白菜).';
COMMENT ON COLUMN commodity.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN commodity.created_at IS 'Creation time.';
COMMENT ON COLUMN commodity.created_by IS 'Author of the row.';
COMMENT ON COLUMN commodity.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN commodity.updated_by IS 'Author of the last update.';
CREATE INDEX commodity_parent_idx ON commodity (parent_id);

CREATE TABLE residue_limit (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  standard_code text NOT NULL REFERENCES residue_standard (code) ON DELETE RESTRICT,
  analyte_id    bigint NOT NULL REFERENCES analyte (id) ON DELETE RESTRICT,
  commodity_id  bigint NOT NULL REFERENCES commodity (id) ON DELETE RESTRICT,
  limit_mgkg    double precision NOT NULL,
  confidence    text NOT NULL,
  sources       text[] NOT NULL,
  note          text,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT app_current_user(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT residue_limit_key UNIQUE (standard_code, analyte_id, commodity_id),
  CONSTRAINT residue_limit_value_check CHECK (limit_mgkg > 0 AND limit_mgkg <= 100000),
  CONSTRAINT residue_limit_confidence_check CHECK (confidence IN ('high', 'medium', 'low')),
  CONSTRAINT residue_limit_sources_check CHECK (cardinality(sources) >= 1)
);
COMMENT ON TABLE residue_limit IS 'Maximum residue (or contaminant) limits in mg/kg, per edition, analyte and commodity-tree node, each with its sources.';
COMMENT ON COLUMN residue_limit.id IS 'Surrogate key.';
COMMENT ON COLUMN residue_limit.standard_code IS 'Edition the limit belongs to.';
COMMENT ON COLUMN residue_limit.analyte_id IS 'The analyte.';
COMMENT ON COLUMN residue_limit.commodity_id IS 'The commodity or group it is set for (applies to the group''s members without their own limit).';
COMMENT ON COLUMN residue_limit.limit_mgkg IS 'The limit, mg/kg; a result above it fails.';
COMMENT ON COLUMN residue_limit.confidence IS 'high | medium | low: how sure the value is (see note and sources).';
COMMENT ON COLUMN residue_limit.sources IS 'Keys of reference_source rows.';
COMMENT ON COLUMN residue_limit.note IS 'Caveats.';
COMMENT ON COLUMN residue_limit.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN residue_limit.created_at IS 'Creation time.';
COMMENT ON COLUMN residue_limit.created_by IS 'Author of the row.';
COMMENT ON COLUMN residue_limit.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN residue_limit.updated_by IS 'Author of the last update.';
CREATE INDEX residue_limit_analyte_idx ON residue_limit (analyte_id);
CREATE INDEX residue_limit_commodity_idx ON residue_limit (commodity_id);

CREATE TABLE pesticide_ban (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  analyte_id      bigint NOT NULL REFERENCES analyte (id) ON DELETE RESTRICT,
  commodity_ids   bigint[],
  effective_from  date,
  date_precision  text NOT NULL,
  act             text NOT NULL,
  measure         text NOT NULL,
  confidence      text NOT NULL,
  sources         text[] NOT NULL,
  note            text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT app_current_user(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT pesticide_ban_precision_check CHECK (date_precision IN ('day', 'year', 'unknown', 'before_data')),
  CONSTRAINT pesticide_ban_date_precision CHECK ((effective_from IS NULL) = (date_precision IN ('unknown', 'before_data'))),
  CONSTRAINT pesticide_ban_measure_check CHECK (measure IN ('full_ban', 'banned_on_crops', 'banned_in_animals')),
  CONSTRAINT pesticide_ban_scope_check CHECK ((measure = 'full_ban') = (commodity_ids IS NULL)),
  CONSTRAINT pesticide_ban_confidence_check CHECK (length(btrim(confidence)) BETWEEN 1 AND 40),
  CONSTRAINT pesticide_ban_act_check CHECK (length(btrim(act)) BETWEEN 1 AND 200),
  CONSTRAINT pesticide_ban_sources_check CHECK (cardinality(sources) >= 1)
);
COMMENT ON TABLE pesticide_ban IS 'Bans of pesticides and veterinary drugs (MOA/MARA announcements): a substance detected at or above its limit of detection on a covered commodity on or after the date fails whatever its value.';
COMMENT ON COLUMN pesticide_ban.id IS 'Surrogate key.';
COMMENT ON COLUMN pesticide_ban.analyte_id IS 'The banned substance.';
COMMENT ON COLUMN pesticide_ban.commodity_ids IS 'Commodity-tree nodes the ban covers (and everything below them); NULL for a ban on every use.';
COMMENT ON COLUMN pesticide_ban.effective_from IS 'First day the ban applies; NULL when unknown (not applied) or in force before any data (always applied), see date_precision.';
COMMENT ON COLUMN pesticide_ban.date_precision IS 'day | year (only the year is known; stored as 1 January) | unknown (not applied when judging) | before_data (always applied).';
COMMENT ON COLUMN pesticide_ban.act IS 'The announcement.';
COMMENT ON COLUMN pesticide_ban.measure IS 'full_ban | banned_on_crops | banned_in_animals.';
COMMENT ON COLUMN pesticide_ban.confidence IS 'How sure the entry is.';
COMMENT ON COLUMN pesticide_ban.sources IS 'Keys of reference_source rows.';
COMMENT ON COLUMN pesticide_ban.note IS 'Scope in words and caveats.';
COMMENT ON COLUMN pesticide_ban.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN pesticide_ban.created_at IS 'Creation time.';
COMMENT ON COLUMN pesticide_ban.created_by IS 'Author of the row.';
COMMENT ON COLUMN pesticide_ban.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN pesticide_ban.updated_by IS 'Author of the last update.';
CREATE INDEX pesticide_ban_analyte_idx ON pesticide_ban (analyte_id);

-- How each stored result was judged, so a later edition never silently rewrites history.
ALTER TABLE sample_result ADD COLUMN rule text;
ALTER TABLE sample_result ADD COLUMN standard_in_force text;
ALTER TABLE sample_result ADD COLUMN judged_at timestamptz;
ALTER TABLE sample_result ADD CONSTRAINT sample_result_rule_check CHECK (rule IS NULL OR rule IN (
  'not_detected', 'within_limit', 'over_limit', 'banned_detected', 'rapid_negative', 'rapid_positive', 'no_limit', 'unknown_analyte', 'unknown_commodity'));
COMMENT ON COLUMN sample_result.rule IS 'Which rule gave the verdict: not_detected, within_limit, over_limit, banned_detected, rapid_negative, rapid_positive, no_limit (detected, no limit loaded: not judged, counted as pass), unknown_analyte, unknown_commodity; NULL for results judged before reference data existed.';
COMMENT ON COLUMN sample_result.standard_in_force IS 'Editions in force on the sampling date (e.g. GB 2763-2026); standard says which edition the limit actually came from.';
COMMENT ON COLUMN sample_result.judged_at IS 'When the result was last judged (entry, import or an explicit re-judging).';

CREATE TABLE residue_rejudge (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filter      jsonb NOT NULL,
  examined    integer NOT NULL,
  changed     integer NOT NULL,
  applied     boolean NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT residue_rejudge_counts CHECK (examined >= 0 AND changed BETWEEN 0 AND examined)
);
COMMENT ON TABLE residue_rejudge IS 'Log of explicit re-judging runs: who re-judged which results, how many changed, and whether the changes were applied or only previewed.';
COMMENT ON COLUMN residue_rejudge.id IS 'Surrogate key.';
COMMENT ON COLUMN residue_rejudge.filter IS 'The filter that selected the samples.';
COMMENT ON COLUMN residue_rejudge.examined IS 'Results examined.';
COMMENT ON COLUMN residue_rejudge.changed IS 'Results whose verdict, limit or standard changed.';
COMMENT ON COLUMN residue_rejudge.applied IS 'true when written, false for a dry run.';
COMMENT ON COLUMN residue_rejudge.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN residue_rejudge.created_at IS 'Creation time.';
COMMENT ON COLUMN residue_rejudge.created_by IS 'Author of the row.';
COMMENT ON COLUMN residue_rejudge.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN residue_rejudge.updated_by IS 'Author of the last update.';

CREATE TRIGGER reference_source_touch BEFORE UPDATE ON reference_source FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER residue_standard_touch BEFORE UPDATE ON residue_standard FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER analyte_touch BEFORE UPDATE ON analyte FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER commodity_touch BEFORE UPDATE ON commodity FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER residue_limit_touch BEFORE UPDATE ON residue_limit FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER pesticide_ban_touch BEFORE UPDATE ON pesticide_ban FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER residue_rejudge_touch BEFORE UPDATE ON residue_rejudge FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER residue_standard_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON residue_standard
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER analyte_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON analyte
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER commodity_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commodity
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER residue_limit_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON residue_limit
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER pesticide_ban_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pesticide_ban
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();

-- Analysis indexes: filters by kind and date, and by analyte.
CREATE INDEX sample_kind_sampled_at_idx ON sample (kind, sampled_at);
CREATE INDEX sample_result_analyte_idx ON sample_result (analyte);

-- Reference data version 2026-11-1
INSERT INTO reference_source (key, name, url) VALUES ('foundation', 'server/src/domain/demo/limits.ts of this repository: limits its author labelled GB 2763-2021 as values they were sure of', NULL);
INSERT INTO reference_source (key, name, url) VALUES ('foodvip_db', '食品伙伴网 GB 2763-2021/GB 2763.1-2022 query database (food category paths, inheritance from parent categories)', 'http://2763.foodvip.net/');
INSERT INTO reference_source (key, name, url) VALUES ('haiweili_2763_2021', 'GB 2763-2021 record: issued 2021-03-03, effective 2021-09-03, 564 pesticides, 10,092 limits', 'https://g.haiweili.com/GB2763-2021');
INSERT INTO reference_source (key, name, url) VALUES ('bzwz_2763_1', '国家标准物质中心: GB 2763.1-2022 (112 pesticides) announced 2022-11-11, in force six months after publication', 'http://bzwz-gov.com/article.php?id=366');
INSERT INTO reference_source (key, name, url) VALUES ('nhc_2026_2', 'NHC/MARA/SAMR announcement 2026 No.2: GB 2763-2026 replaces GB 2763-2021 and GB 2763.1-2022, issued 2026-02-12, effective 2026-03-01', 'https://bysee-sra.com/article.aspx?id=1076');
INSERT INTO reference_source (key, name, url) VALUES ('zyqjg_2026', 'Text of announcement 2026 No.2 (585 pesticides, 10,749 limits)', 'https://www.zyqjg.com/article-24581-1.html');
INSERT INTO reference_source (key, name, url) VALUES ('mango_compile', 'Public GitHub compilation of mango limits citing GB 2763-2026 via 2763.foodvip.net and GB 2762-2022 via bzxz.net (third-party; group values of 热带和亚热带类水果)', 'https://github.com (find_string id 55105363805; repository not named by the index)');
INSERT INTO reference_source (key, name, url) VALUES ('cgets_2762_2012', 'cgets.net forum transcription of GB 2762-2012 tables 1 (Pb) and 2 (Cd) for fruit, vegetables and cereals', 'http://www.cgets.net/bbs/read-htm-tid-4481-ordertype-desc-ds-1-toread-1.html');
INSERT INTO reference_source (key, name, url) VALUES ('banned_json', 'shared/standards/banned_pesticides.json (MOA/MARA announcements, with their own sources)', NULL);
INSERT INTO reference_source (key, name, url) VALUES ('mara250', '农业农村部公告第250号 (list of drugs banned in food animals) as labelled by the foundation''s demo limits', NULL);
INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES ('GB 2763-2019', 'GB 2763', '食品安全国家标准 食品中农药最大残留限量', '2019-08-15'::date, '2020-02-15'::date, NULL, false, ARRAY['foodvip_db']::text[], 'Dates from the standard''s cover page quoted on a standards site (search excerpt). No limits of this edition are loaded; samples judged under it have no pesticide limit except bans.');
INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES ('GB 2763-2021', 'GB 2763', '食品安全国家标准 食品中农药最大残留限量', '2021-03-03'::date, '2021-09-03'::date, NULL, false, ARRAY['haiweili_2763_2021']::text[], 'Only the limits listed in residue_limit are loaded (a small verified subset); load the full table with the reference import.');
INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES ('GB 2763.1-2022', 'GB 2763', '食品安全国家标准 食品中2,4-滴丁酸钠盐等112种农药最大残留限量', '2022-11-11'::date, '2023-05-11'::date, 'GB 2763-2021', false, ARRAY['bzwz_2763_1']::text[], 'A supplement used together with GB 2763-2021 (effective six months after 2022-11-11). None of its 290 limits is loaded; where it has none, GB 2763-2021 applies, and results say so.');
INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES ('GB 2763-2026', 'GB 2763', '食品安全国家标准 食品中农药最大残留限量', '2026-02-12'::date, '2026-03-01'::date, 'GB 2763.1-2022', false, ARRAY['nhc_2026_2', 'zyqjg_2026']::text[], 'Replaces GB 2763-2021 and GB 2763.1-2022 from 2026-03-01 (370 new, 23 revised limits). Only a few group limits are loaded; where it has none, the superseded edition''s limit is used and the result records both editions.');
INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES ('GB 2762-2012', 'GB 2762', '食品安全国家标准 食品中污染物限量', '2012-11-13'::date, '2013-06-01'::date, NULL, false, ARRAY['cgets_2762_2012']::text[], 'Dates recalled by the compiler, NOT verified (the source only says ''implemented from 2013''). Pb and Cd limits for cereals, vegetables and fruit from the source''s transcription.');
INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES ('GB 2762-2022', 'GB 2762', '食品安全国家标准 食品中污染物限量', '2022-06-30'::date, '2023-06-30'::date, 'GB 2762-2012', false, ARRAY['mango_compile']::text[], 'Dates recalled by the compiler, NOT verified. Only fresh-fruit Pb and Cd are loaded; other limits fall back to GB 2762-2012 and results say so.');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('克百威', 'carbofuran', '1563-66-2', 'carbamate', 'pesticide', 'banned', ARRAY['呋喃丹']::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('氧乐果', 'omethoate', '1113-02-6', 'organophosphate', 'pesticide', 'banned', ARRAY['氧化乐果']::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('甲拌磷', 'phorate', '298-02-2', 'organophosphate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('毒死蜱', 'chlorpyrifos', '2921-88-2', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('甲胺磷', 'methamidophos', '10265-92-6', 'organophosphate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('乐果', 'dimethoate', '60-51-5', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('乙酰甲胺磷', 'acephate', '30560-19-1', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('丁硫克百威', 'carbosulfan', '55285-14-8', 'carbamate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('灭多威', 'methomyl', '16752-77-5', 'carbamate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('涕灭威', 'aldicarb', '116-06-3', 'carbamate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('水胺硫磷', 'isocarbophos', '24353-61-5', 'organophosphate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('甲基异柳磷', 'isofenphos-methyl', '99675-03-3', 'organophosphate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('灭线磷', 'ethoprophos', '13194-48-4', 'organophosphate', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('三唑磷', 'triazophos', '24017-47-8', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('对硫磷', 'parathion', '56-38-2', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('甲基对硫磷', 'parathion-methyl', '298-00-0', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('久效磷', 'monocrotophos', '6923-22-4', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('磷胺', 'phosphamidon', '13171-21-6', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('特丁硫磷', 'terbufos', '13071-79-9', 'organophosphate', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('三氯杀螨醇', 'dicofol', '115-32-2', 'organochlorine', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('氰戊菊酯', 'fenvalerate', '51630-58-1', 'pyrethroid', 'pesticide', 'restricted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('硫丹', 'endosulfan', '115-29-7', 'organochlorine', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('百草枯', 'paraquat', '4685-14-7', 'bipyridylium', 'pesticide', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('敌敌畏', 'dichlorvos', '62-73-7', 'organophosphate', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('啶虫脒', 'acetamiprid', '135410-20-7', 'neonicotinoid', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('吡虫啉', 'imidacloprid', '138261-41-3', 'neonicotinoid', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('噻虫嗪', 'thiamethoxam', '153719-23-4', 'neonicotinoid', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('腐霉利', 'procymidone', '32809-16-8', 'dicarboximide', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('氯氰菊酯', 'cypermethrin', '52315-07-8', 'pyrethroid', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('高效氯氟氰菊酯', 'lambda-cyhalothrin', '91465-08-6', 'pyrethroid', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('氯菊酯', 'permethrin', '52645-53-1', 'pyrethroid', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('甲氨基阿维菌素苯甲酸盐', 'emamectin benzoate', '155569-91-8', 'avermectin', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('虫螨腈', 'chlorfenapyr', '122453-73-0', 'pyrrole', 'pesticide', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('镉', 'cadmium', '7440-43-9', 'heavy_metal', 'contaminant', 'permitted', ARRAY['Cd']::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('铅', 'lead', '7439-92-1', 'heavy_metal', 'contaminant', 'permitted', ARRAY['Pb']::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('克伦特罗', 'clenbuterol', '37148-27-9', 'beta_agonist', 'veterinary_drug', 'banned', ARRAY['盐酸克伦特罗', '瘦肉精']::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('莱克多巴胺', 'ractopamine', '97825-25-7', 'beta_agonist', 'veterinary_drug', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('沙丁胺醇', 'salbutamol', '18559-94-9', 'beta_agonist', 'veterinary_drug', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('孔雀石绿', 'malachite green', '569-64-2', 'dye', 'veterinary_drug', 'banned', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('呋喃唑酮代谢物', 'furazolidone metabolite (AOZ)', NULL, 'nitrofuran', 'veterinary_drug', 'banned', ARRAY['AOZ']::text[], NULL);
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('恩诺沙星', 'enrofloxacin', '93106-60-6', 'fluoroquinolone', 'veterinary_drug', 'permitted', ARRAY[]::text[], 'CAS from the compiler''s knowledge; not checked against a registry in this work');
INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES ('有机磷和氨基甲酸酯类农药（酶抑制率法）', 'organophosphate and carbamate pesticides (enzyme inhibition)', NULL, 'rapid_test', 'rapid_test', 'not_applicable', ARRAY['农药残留快速检测', '酶抑制率']::text[], NULL);
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('蔬菜', 'vegetables', NULL, 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('鳞茎类蔬菜', 'bulb vegetables', (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('绿叶葱类', 'green onions', (SELECT id FROM commodity WHERE name_zh = '鳞茎类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('韭菜', 'Chinese chives', (SELECT id FROM commodity WHERE name_zh = '绿叶葱类'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('芸薹属类蔬菜', 'brassica vegetables', (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('结球芸薹属', 'head brassicas', (SELECT id FROM commodity WHERE name_zh = '芸薹属类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('甘蓝', 'cabbage', (SELECT id FROM commodity WHERE name_zh = '结球芸薹属'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('叶菜类蔬菜', 'leafy vegetables', (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('绿叶类', 'green leafy vegetables', (SELECT id FROM commodity WHERE name_zh = '叶菜类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('菠菜', 'spinach', (SELECT id FROM commodity WHERE name_zh = '绿叶类'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('小白菜', 'pak choi', (SELECT id FROM commodity WHERE name_zh = '绿叶类'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('油菜', 'rape greens', (SELECT id FROM commodity WHERE name_zh = '绿叶类'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('生菜', 'lettuce', (SELECT id FROM commodity WHERE name_zh = '绿叶类'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('叶柄类', 'petiole vegetables', (SELECT id FROM commodity WHERE name_zh = '叶菜类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('芹菜', 'celery', (SELECT id FROM commodity WHERE name_zh = '叶柄类'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('大白菜', 'Chinese cabbage', (SELECT id FROM commodity WHERE name_zh = '叶菜类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('茄果类蔬菜', 'solanaceous vegetables', (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('番茄类蔬菜', 'tomato group', (SELECT id FROM commodity WHERE name_zh = '茄果类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('番茄', 'tomato', (SELECT id FROM commodity WHERE name_zh = '番茄类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('其他茄果类蔬菜', 'other solanaceous vegetables', (SELECT id FROM commodity WHERE name_zh = '茄果类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('辣椒', 'chili pepper', (SELECT id FROM commodity WHERE name_zh = '其他茄果类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('茄子', 'eggplant', (SELECT id FROM commodity WHERE name_zh = '其他茄果类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('瓜类蔬菜', 'cucurbit vegetables', (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('黄瓜', 'cucumber', (SELECT id FROM commodity WHERE name_zh = '瓜类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('西葫芦', 'zucchini', (SELECT id FROM commodity WHERE name_zh = '瓜类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('豆类蔬菜', 'legume vegetables', (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('豇豆', 'cowpea', (SELECT id FROM commodity WHERE name_zh = '豆类蔬菜'), 'vegetable');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('水果', 'fruit', NULL, 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('仁果类水果', 'pome fruit', (SELECT id FROM commodity WHERE name_zh = '水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('苹果', 'apple', (SELECT id FROM commodity WHERE name_zh = '仁果类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('梨', 'pear', (SELECT id FROM commodity WHERE name_zh = '仁果类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('核果类水果', 'stone fruit', (SELECT id FROM commodity WHERE name_zh = '水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('杏', 'apricot', (SELECT id FROM commodity WHERE name_zh = '核果类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('红枣', 'jujube', (SELECT id FROM commodity WHERE name_zh = '核果类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('浆果和其他小型类水果', 'berries and other small fruit', (SELECT id FROM commodity WHERE name_zh = '水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('葡萄', 'grape', (SELECT id FROM commodity WHERE name_zh = '浆果和其他小型类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('瓜果类水果', 'melons', (SELECT id FROM commodity WHERE name_zh = '水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('西瓜', 'watermelon', (SELECT id FROM commodity WHERE name_zh = '瓜果类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('甜瓜', 'melon', (SELECT id FROM commodity WHERE name_zh = '瓜果类水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('柑橘类水果', 'citrus fruit', (SELECT id FROM commodity WHERE name_zh = '水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('热带和亚热带类水果', 'tropical and subtropical fruit', (SELECT id FROM commodity WHERE name_zh = '水果'), 'fruit');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('谷物', 'cereals', NULL, 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('麦类', 'wheat group', (SELECT id FROM commodity WHERE name_zh = '谷物'), 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('小麦', 'wheat', (SELECT id FROM commodity WHERE name_zh = '麦类'), 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('旱粮类', 'dry-land cereals', (SELECT id FROM commodity WHERE name_zh = '谷物'), 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('玉米', 'maize', (SELECT id FROM commodity WHERE name_zh = '旱粮类'), 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('稻类', 'rice group', (SELECT id FROM commodity WHERE name_zh = '谷物'), 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('稻谷', 'paddy rice', (SELECT id FROM commodity WHERE name_zh = '稻类'), 'grain_oil');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('饮料类', 'beverages', NULL, 'tea');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('茶叶', 'tea', (SELECT id FROM commodity WHERE name_zh = '饮料类'), 'tea');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('食用菌', 'edible fungi', NULL, 'edible_fungi');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('平菇', 'oyster mushroom', (SELECT id FROM commodity WHERE name_zh = '食用菌'), 'edible_fungi');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('双孢蘑菇', 'button mushroom', (SELECT id FROM commodity WHERE name_zh = '食用菌'), 'edible_fungi');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('畜禽产品', 'livestock and poultry products', NULL, 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('肉类', 'meat', (SELECT id FROM commodity WHERE name_zh = '畜禽产品'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('牛肉', 'beef', (SELECT id FROM commodity WHERE name_zh = '肉类'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('羊肉', 'mutton', (SELECT id FROM commodity WHERE name_zh = '肉类'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('猪肉', 'pork', (SELECT id FROM commodity WHERE name_zh = '肉类'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('鸡肉', 'chicken', (SELECT id FROM commodity WHERE name_zh = '肉类'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('蛋类', 'eggs', (SELECT id FROM commodity WHERE name_zh = '畜禽产品'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('鸡蛋', 'hen egg', (SELECT id FROM commodity WHERE name_zh = '蛋类'), 'livestock_poultry');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('水产品', 'aquatic products', NULL, 'aquatic');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('鱼类', 'fish', (SELECT id FROM commodity WHERE name_zh = '水产品'), 'aquatic');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('草鱼', 'grass carp', (SELECT id FROM commodity WHERE name_zh = '鱼类'), 'aquatic');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('鲤鱼', 'common carp', (SELECT id FROM commodity WHERE name_zh = '鱼类'), 'aquatic');
INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES ('鲫鱼', 'crucian carp', (SELECT id FROM commodity WHERE name_zh = '鱼类'), 'aquatic');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2021', (SELECT id FROM analyte WHERE name_zh = '克百威'), (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 0.02, 'medium', ARRAY['foundation']::text[], 'value as labelled by the foundation; not re-read from the standard text in this work');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2021', (SELECT id FROM analyte WHERE name_zh = '克百威'), (SELECT id FROM commodity WHERE name_zh = '水果'), 0.02, 'medium', ARRAY['foundation']::text[], 'value as labelled by the foundation; not re-read from the standard text in this work');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2021', (SELECT id FROM analyte WHERE name_zh = '氧乐果'), (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 0.02, 'medium', ARRAY['foundation']::text[], 'value as labelled by the foundation; not re-read from the standard text in this work');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2021', (SELECT id FROM analyte WHERE name_zh = '氧乐果'), (SELECT id FROM commodity WHERE name_zh = '水果'), 0.02, 'medium', ARRAY['foundation']::text[], 'value as labelled by the foundation; not re-read from the standard text in this work');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2021', (SELECT id FROM analyte WHERE name_zh = '甲拌磷'), (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 0.01, 'medium', ARRAY['foundation']::text[], 'value as labelled by the foundation; not re-read from the standard text in this work');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2021', (SELECT id FROM analyte WHERE name_zh = '甲拌磷'), (SELECT id FROM commodity WHERE name_zh = '水果'), 0.01, 'medium', ARRAY['foundation']::text[], 'value as labelled by the foundation; not re-read from the standard text in this work');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2026', (SELECT id FROM analyte WHERE name_zh = '克百威'), (SELECT id FROM commodity WHERE name_zh = '热带和亚热带类水果'), 0.02, 'medium', ARRAY['mango_compile']::text[], 'group limit of 热带和亚热带类水果 in GB 2763-2026 as compiled by a third party from 2763.foodvip.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2026', (SELECT id FROM analyte WHERE name_zh = '乐果'), (SELECT id FROM commodity WHERE name_zh = '热带和亚热带类水果'), 0.01, 'medium', ARRAY['mango_compile']::text[], 'group limit of 热带和亚热带类水果 in GB 2763-2026 as compiled by a third party from 2763.foodvip.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2026', (SELECT id FROM analyte WHERE name_zh = '啶虫脒'), (SELECT id FROM commodity WHERE name_zh = '热带和亚热带类水果'), 2, 'medium', ARRAY['mango_compile']::text[], 'group limit of 热带和亚热带类水果 in GB 2763-2026 as compiled by a third party from 2763.foodvip.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2026', (SELECT id FROM analyte WHERE name_zh = '敌敌畏'), (SELECT id FROM commodity WHERE name_zh = '热带和亚热带类水果'), 0.2, 'medium', ARRAY['mango_compile']::text[], 'group limit of 热带和亚热带类水果 in GB 2763-2026 as compiled by a third party from 2763.foodvip.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2026', (SELECT id FROM analyte WHERE name_zh = '氯菊酯'), (SELECT id FROM commodity WHERE name_zh = '热带和亚热带类水果'), 2, 'medium', ARRAY['mango_compile']::text[], 'group limit of 热带和亚热带类水果 in GB 2763-2026 as compiled by a third party from 2763.foodvip.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2763-2026', (SELECT id FROM analyte WHERE name_zh = '氰戊菊酯'), (SELECT id FROM commodity WHERE name_zh = '热带和亚热带类水果'), 0.2, 'medium', ARRAY['mango_compile']::text[], 'group limit of 热带和亚热带类水果 in GB 2763-2026 as compiled by a third party from 2763.foodvip.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '谷物'), 0.2, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 0.1, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '芸薹属类蔬菜'), 0.3, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '叶菜类蔬菜'), 0.3, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '豆类蔬菜'), 0.2, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '水果'), 0.1, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '浆果和其他小型类水果'), 0.2, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '食用菌'), 1, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '谷物'), 0.1, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '稻谷'), 0.2, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '蔬菜'), 0.05, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '叶菜类蔬菜'), 0.2, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '豆类蔬菜'), 0.1, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2012', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '芹菜'), 0.2, 'medium', ARRAY['cgets_2762_2012']::text[], 'forum transcription of the standard''s tables; ''fresh vegetables/fruit'' entries attached to the 蔬菜/水果 nodes');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2022', (SELECT id FROM analyte WHERE name_zh = '铅'), (SELECT id FROM commodity WHERE name_zh = '水果'), 0.1, 'medium', ARRAY['mango_compile']::text[], 'fresh fruit, as compiled by a third party from bzxz.net');
INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES ('GB 2762-2022', (SELECT id FROM analyte WHERE name_zh = '镉'), (SELECT id FROM commodity WHERE name_zh = '水果'), 0.05, 'medium', ARRAY['mango_compile']::text[], 'fresh fruit, as compiled by a third party from bzxz.net');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲胺磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲基对硫磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '对硫磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '久效磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '磷胺'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲拌磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲基异柳磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '特丁硫磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '克百威'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '涕灭威'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '灭线磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, fruit trees, tea and Chinese herbal crops; announced in 2002, the day is not recorded here (precision: year)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '三氯杀螨醇'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'tea; precision: year');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '氰戊菊酯'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['茶叶']::text[]) ORDER BY id), '2002-01-01'::date, 'year', '农业部公告第199号 (2002)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'tea; precision: year');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '氧乐果'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['甘蓝']::text[]) ORDER BY id), NULL, 'unknown', '农业部公告第194号', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'date not recorded in the source: not applied when judging until a date is entered');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '氧乐果'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['柑橘类水果']::text[]) ORDER BY id), NULL, 'unknown', '农业部公告第1586号', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'date not recorded in the source: not applied until a date is entered');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '水胺硫磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['柑橘类水果']::text[]) ORDER BY id), NULL, 'unknown', '农业部公告第1586号', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'date not recorded in the source: not applied until a date is entered');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '灭多威'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['柑橘类水果', '苹果', '茶叶', '芸薹属类蔬菜']::text[]) ORDER BY id), NULL, 'unknown', '农业部公告第1586号 (per compilations)', 'banned_on_crops', 'medium-high', ARRAY['banned_json']::text[], 'date not recorded in the source: not applied until a date is entered');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲胺磷'), NULL, NULL, 'unknown', '农业部公告第322号', 'full_ban', 'high', ARRAY['banned_json']::text[], 'full ban; date not verified in the source: not applied until a date is entered (the 2002 crop ban above still applies)');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '毒死蜱'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜']::text[]) ORDER BY id), '2016-12-31'::date, 'day', '农业部公告第2032号 (2013)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '三唑磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜']::text[]) ORDER BY id), '2016-12-31'::date, 'day', '农业部公告第2032号 (2013)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '三氯杀螨醇'), NULL, '2018-10-01'::date, 'day', '农业部公告第2445号 (2016; number medium confidence)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'all sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '乙酰甲胺磷'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶', '食用菌']::text[]) ORDER BY id), '2019-08-01'::date, 'day', '农业部公告第2552号 (2017)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, melons and fruit, tea, edible fungi, Chinese herbal crops');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '丁硫克百威'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶', '食用菌']::text[]) ORDER BY id), '2019-08-01'::date, 'day', '农业部公告第2552号 (2017)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, melons and fruit, tea, edible fungi, Chinese herbal crops');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '乐果'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['蔬菜', '水果', '茶叶', '食用菌']::text[]) ORDER BY id), '2019-08-01'::date, 'day', '农业部公告第2552号 (2017)', 'banned_on_crops', 'high', ARRAY['banned_json']::text[], 'vegetables, melons and fruit, tea, edible fungi, Chinese herbal crops');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '硫丹'), NULL, '2019-01-01'::date, 'day', 'methyl bromide / endosulfan phase-out', 'full_ban', 'high', ARRAY['banned_json']::text[], 'agricultural use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '百草枯'), NULL, '2016-07-01'::date, 'day', 'announcement on 8 pesticides (believed No.2445)', 'full_ban', 'medium-high', ARRAY['banned_json']::text[], 'aqueous solutions: domestic sale and use stopped');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲拌磷'), NULL, '2024-09-01'::date, 'day', '农业农村部公告第536号 (2022-03-16)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '甲基异柳磷'), NULL, '2024-09-01'::date, 'day', '农业农村部公告第536号 (2022-03-16)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '水胺硫磷'), NULL, '2024-09-01'::date, 'day', '农业农村部公告第536号 (2022-03-16)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '灭线磷'), NULL, '2024-09-01'::date, 'day', '农业农村部公告第536号 (2022-03-16)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '氧乐果'), NULL, '2026-06-01'::date, 'day', '农业农村部公告第736号 (2023-12-25)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '克百威'), NULL, '2026-06-01'::date, 'day', '农业农村部公告第736号 (2023-12-25)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '灭多威'), NULL, '2026-06-01'::date, 'day', '农业农村部公告第736号 (2023-12-25)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '涕灭威'), NULL, '2026-06-01'::date, 'day', '农业农村部公告第736号 (2023-12-25)', 'full_ban', 'high', ARRAY['banned_json']::text[], 'sale and use banned');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '克伦特罗'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['畜禽产品']::text[]) ORDER BY id), NULL, 'before_data', '农业农村部公告第250号 (banned in food animals)', 'banned_in_animals', 'medium', ARRAY['mara250']::text[], 'in force before any sample this system holds; the exact date is not recorded here');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '莱克多巴胺'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['畜禽产品']::text[]) ORDER BY id), NULL, 'before_data', '农业农村部公告第250号 (banned in food animals)', 'banned_in_animals', 'medium', ARRAY['mara250']::text[], 'in force before any sample this system holds; the exact date is not recorded here');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '沙丁胺醇'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['畜禽产品']::text[]) ORDER BY id), NULL, 'before_data', '农业农村部公告第250号 (banned in food animals)', 'banned_in_animals', 'medium', ARRAY['mara250']::text[], 'in force before any sample this system holds; the exact date is not recorded here');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '孔雀石绿'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['水产品', '畜禽产品']::text[]) ORDER BY id), NULL, 'before_data', '农业农村部公告第250号 (banned in food animals)', 'banned_in_animals', 'medium', ARRAY['mara250']::text[], 'in force before any sample this system holds; the exact date is not recorded here');
INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = '呋喃唑酮代谢物'), ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (ARRAY['水产品', '畜禽产品']::text[]) ORDER BY id), NULL, 'before_data', '农业农村部公告第250号 (banned in food animals)', 'banned_in_animals', 'medium', ARRAY['mara250']::text[], 'in force before any sample this system holds; the exact date is not recorded here');
