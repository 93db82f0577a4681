-- Enforcement cases (执法办案, issue 8): the county's agricultural law-enforcement cases, counted on the dashboard
-- against the minimum of seeds 000 and 003 (at least 3 cases a year; a county with none is summoned). A case may come
-- from a patrol that referred the subject to law enforcement (移交执法) or from a failed sample. New dashboard
-- indicators: rapid tests per township per week, enforcement cases, overdue rectifications.

CREATE TABLE enforcement_case (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_number       text NOT NULL,
  grid_id           bigint NOT NULL REFERENCES grid_unit (id) ON DELETE RESTRICT,
  subject_id        bigint REFERENCES production_subject (id) ON DELETE RESTRICT,
  opened_on         date NOT NULL,
  closed_on         date,
  cause             text NOT NULL,
  status            text NOT NULL DEFAULT 'open',
  summary           text,
  source_patrol_id  bigint REFERENCES patrol (id) ON DELETE RESTRICT,
  source_sample_id  bigint REFERENCES sample (id) ON DELETE RESTRICT,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        text NOT NULL DEFAULT app_current_user(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT enforcement_case_number_key UNIQUE (case_number),
  CONSTRAINT enforcement_case_number_check CHECK (length(btrim(case_number)) BETWEEN 1 AND 60),
  CONSTRAINT enforcement_case_opened_check CHECK (opened_on >= '2000-01-01'),
  CONSTRAINT enforcement_case_closed_check CHECK (closed_on IS NULL OR closed_on >= opened_on),
  CONSTRAINT enforcement_case_cause_check CHECK (cause IN ('banned_pesticide', 'over_limit', 'no_certificate',
    'counterfeit_input', 'illegal_additive', 'other')),
  CONSTRAINT enforcement_case_status_check CHECK (status IN ('open', 'closed', 'withdrawn')),
  CONSTRAINT enforcement_case_status_closed CHECK ((status = 'open') = (closed_on IS NULL)),
  CONSTRAINT enforcement_case_summary_check CHECK (summary IS NULL OR length(summary) <= 2000),
  CONSTRAINT enforcement_case_patrol_key UNIQUE (source_patrol_id)
);
COMMENT ON TABLE enforcement_case IS 'Agricultural law-enforcement cases (执法办案), counted per grid against the yearly minimum (seeds 000, 003).';
COMMENT ON COLUMN enforcement_case.id IS 'Surrogate key.';
COMMENT ON COLUMN enforcement_case.case_number IS 'Case number (案号) as filed, unique.';
COMMENT ON COLUMN enforcement_case.grid_id IS 'Grid the case belongs to: the subject''s village, or a township or the county for cases without a subject; taken from the subject, patrol or sample when not given.';
COMMENT ON COLUMN enforcement_case.subject_id IS 'Production subject the case is against, if any.';
COMMENT ON COLUMN enforcement_case.opened_on IS 'Date the case was opened (立案日期, China date); counts the case in the period.';
COMMENT ON COLUMN enforcement_case.closed_on IS 'Date the case was closed or withdrawn (结案/撤案); NULL while open.';
COMMENT ON COLUMN enforcement_case.cause IS 'banned_pesticide 使用禁用农药 | over_limit 农残超标 | no_certificate 未开具合格证 | counterfeit_input 假劣农资 | illegal_additive 非法添加 | other.';
COMMENT ON COLUMN enforcement_case.status IS 'open 办理中 | closed 已结案 | withdrawn 已撤案 (withdrawn cases do not count).';
COMMENT ON COLUMN enforcement_case.summary IS 'Short description of the facts (案情摘要).';
COMMENT ON COLUMN enforcement_case.source_patrol_id IS 'The patrol that referred the subject to law enforcement (移交执法), if any; one case per referral.';
COMMENT ON COLUMN enforcement_case.source_sample_id IS 'The failed sample the case rests on, if any.';
COMMENT ON COLUMN enforcement_case.version IS 'Optimistic-concurrency version, bumped by touch_row.';
COMMENT ON COLUMN enforcement_case.created_at IS 'Creation time.';
COMMENT ON COLUMN enforcement_case.created_by IS 'Author of the row.';
COMMENT ON COLUMN enforcement_case.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN enforcement_case.updated_by IS 'Author of the last update.';

CREATE INDEX enforcement_case_grid_idx ON enforcement_case (grid_id, opened_on);
CREATE INDEX enforcement_case_subject_idx ON enforcement_case (subject_id);
CREATE INDEX enforcement_case_sample_idx ON enforcement_case (source_sample_id);

CREATE FUNCTION enforcement_case_assign_grid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.grid_id IS NULL AND NEW.subject_id IS NOT NULL THEN
    SELECT grid_id INTO NEW.grid_id FROM production_subject WHERE id = NEW.subject_id;
  END IF;
  IF NEW.grid_id IS NULL AND NEW.source_patrol_id IS NOT NULL THEN
    SELECT grid_id INTO NEW.grid_id FROM patrol WHERE id = NEW.source_patrol_id;
  END IF;
  IF NEW.grid_id IS NULL AND NEW.source_sample_id IS NOT NULL THEN
    SELECT grid_id INTO NEW.grid_id FROM sample WHERE id = NEW.source_sample_id;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION enforcement_case_assign_grid() IS 'Takes a case''s grid from its subject, source patrol or source sample when none is given.';

CREATE TRIGGER enforcement_case_grid BEFORE INSERT OR UPDATE ON enforcement_case
  FOR EACH ROW EXECUTE FUNCTION enforcement_case_assign_grid();
CREATE TRIGGER enforcement_case_touch BEFORE UPDATE ON enforcement_case FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT audit_enable('enforcement_case');
SELECT app_protect_by_grid('enforcement_case', 'grid_id');

-- Dashboard counts per grid and period (issue 8): rectifications open on a day, samples of a few villages in a
-- period (drill-down), and "patrolled in the period" per subject answered from the index alone.
CREATE INDEX patrol_rectify_idx ON patrol (grid_id, patrolled_at) WHERE outcome = 'rectify';
CREATE INDEX sample_grid_sampled_at_idx ON sample (grid_id, sampled_at);
CREATE INDEX patrol_subject_patrolled_at_idx ON patrol (subject_id, patrolled_at);
CREATE INDEX patrol_grid_patrolled_at_idx ON patrol (grid_id, patrolled_at);

-- Targets of the three new indicators.
ALTER TABLE indicator_target DROP CONSTRAINT indicator_target_indicator_check;
ALTER TABLE indicator_target ADD CONSTRAINT indicator_target_indicator_check CHECK (indicator IN ('staffing',
  'registry_freshness', 'traceability', 'certificates', 'sampling_quota', 'pass_rate', 'pass_rate_certified',
  'banned_pass_rate', 'patrol_coverage', 'rapid_tests', 'enforcement_cases', 'open_rectifications'));
ALTER TABLE indicator_target DROP CONSTRAINT indicator_target_target_check;
ALTER TABLE indicator_target ADD CONSTRAINT indicator_target_target_check CHECK (target >= 0 AND target <= 1000);
COMMENT ON COLUMN indicator_target.target IS 'The target value: a share 0–1 for rates and coverages; for sampling_quota the ratio of batches done to the quota (1 = quota met); rapid tests per township per week; enforcement cases a year per county (minimum); overdue rectifications (maximum).';

INSERT INTO indicator_target (indicator, target, params, description, source) VALUES
  ('rapid_tests', 1, '{"kinds": ["rapid"]}',
   '乡镇速测频次：各乡镇开展快速检测的天数 ÷ 周数（每乡镇每周至少 1 次） · Days with rapid tests per township per week',
   'seed 000: township stations test every week; seed 001: township labs 1–2 times a week'),
  ('enforcement_cases', 3, '{"perYear": {"township": 1, "village": 0}}',
   '执法办案数：期间内立案数（县级每年不少于 3 件，按期间折算；乡镇级最低数为本地设置） · Cases opened in the period against the yearly minimum (3 per county, prorated; the township minimum is a local setting)',
   'seed 000 / seed 003: at least 3 cases a year; a county with none is summoned (约谈)'),
  ('open_rectifications', 0, '{}',
   '逾期未整改：期末仍未销号且已过整改期限的巡查整改数（目标为 0） · Patrol rectifications still open and past their deadline at the end of the period (target 0)',
   'seed 004 annex 1: rectification within a deadline and follow-up');
