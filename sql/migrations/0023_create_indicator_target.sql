-- Targets of the assessment indicators (考核指标) shown on the officials' dashboard (issue 8): data, not code, so a
-- county can set its own targets. Defaults from the seeds (DOMAIN.md): pass rate ≥ 96 % (seed 001), 三品一标 ≥ 98 %
-- (seed 002), banned pesticides 100 % (seed 000), 1.5 quantitative batches per 1,000 residents a year (seed 003),
-- registry updated yearly and traceability 100 % of enterprises, co-operatives, family farms and large growers.
CREATE TABLE indicator_target (
  indicator     text PRIMARY KEY,
  target        double precision NOT NULL,
  params        jsonb NOT NULL DEFAULT '{}',
  description   text NOT NULL,
  source        text NOT NULL,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT app_current_user(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT indicator_target_indicator_check CHECK (indicator IN ('staffing', 'registry_freshness',
    'traceability', 'certificates', 'sampling_quota', 'pass_rate', 'pass_rate_certified', 'banned_pass_rate',
    'patrol_coverage')),
  CONSTRAINT indicator_target_target_check CHECK (target >= 0 AND target <= 10),
  CONSTRAINT indicator_target_params_object CHECK (jsonb_typeof(params) = 'object')
);

COMMENT ON TABLE indicator_target IS 'Target of each dashboard indicator (考核目标) and its parameters; edited by county officials (PUT /api/indicators/targets).';
COMMENT ON COLUMN indicator_target.indicator IS 'Indicator id (staffing, registry_freshness, traceability, certificates, sampling_quota, pass_rate, pass_rate_certified, banned_pass_rate, patrol_coverage).';
COMMENT ON COLUMN indicator_target.target IS 'The target value: a share 0–1 for rates and coverages; for sampling_quota the ratio of batches done to the quota (1 = quota met).';
COMMENT ON COLUMN indicator_target.params IS 'Parameters of the indicator, e.g. {"perThousandPerYear": 1.5} for sampling_quota, {"minSamples": 30} for the small-sample flag of pass rates, {"subjectTypes": [...]} for the subjects that must comply.';
COMMENT ON COLUMN indicator_target.description IS 'What the indicator measures, in Chinese and English.';
COMMENT ON COLUMN indicator_target.source IS 'Where the default target comes from (seed document and section).';
COMMENT ON COLUMN indicator_target.version IS 'Optimistic-lock version, bumped by touch_row on every update.';
COMMENT ON COLUMN indicator_target.created_at IS 'When the row was created.';
COMMENT ON COLUMN indicator_target.created_by IS 'Account that created the row.';
COMMENT ON COLUMN indicator_target.updated_at IS 'When the row was last changed.';
COMMENT ON COLUMN indicator_target.updated_by IS 'Account that last changed the row.';

CREATE TRIGGER indicator_target_touch BEFORE UPDATE ON indicator_target FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT audit_enable('indicator_target');

INSERT INTO indicator_target (indicator, target, params, description, source) VALUES
  ('staffing', 1, '{}',
   '网格配齐率：所含网格中各级必需人员均已配备的比例 · Share of grids with every required role staffed',
   'seed 004 四(二) 网格定人'),
  ('registry_freshness', 1, '{}',
   '名录更新率：本年内更新过的在册生产主体比例 · Share of active subjects updated in the year of the period end',
   'seed 004 四(三): registry updated at least once a year'),
  ('traceability', 1, '{"subjectTypes": ["enterprise", "cooperative", "family_farm", "large_grower"]}',
   '追溯平台入驻率 · Share of subjects that must enrol on the traceability platform and did',
   'DOMAIN.md: 100 % of enterprises, co-operatives, family farms and large growers'),
  ('certificates', 1, '{"subjectTypes": ["enterprise", "cooperative", "family_farm", "large_grower"]}',
   '承诺达标合格证开具率 · Share of subjects that must issue compliance certificates and do',
   'seed 003 compliance certificates'),
  ('sampling_quota', 1, '{"perThousandPerYear": 1.5, "kinds": ["routine", "supervisory", "quantitative"]}',
   '定量抽检完成率：完成批次 ÷ 任务量（常住人口 × 1.5‰/年，按期间折算） · Quantitative batches done ÷ quota (1.5 per 1,000 residents a year, prorated)',
   'seed 003 (Kaizhou): 1.5 batches per 1,000 residents a year'),
  ('pass_rate', 0.96, '{"minSamples": 30, "kinds": ["routine", "supervisory", "quantitative"]}',
   '定量检测合格率（Wilson 95% 区间） · Pass rate of quantitative samples with a Wilson 95 % interval',
   'seed 001: routine monitoring ≥ 96 % (seed 000: ≥ 97 %)'),
  ('pass_rate_certified', 0.98, '{"minSamples": 30, "kinds": ["routine", "supervisory", "quantitative"]}',
   '“三品一标”主体产品合格率 · Pass rate of samples from subjects with a 三品一标 certification',
   'seed 002: certified products ≥ 98 %'),
  ('banned_pass_rate', 1, '{"minSamples": 30, "kinds": ["routine", "supervisory", "quantitative"]}',
   '禁用农药检测合格率 · Share of samples tested for banned pesticides with none detected',
   'seed 000: banned pesticides in local products 100 % pass'),
  ('patrol_coverage', 1, '{"subjectTypes": ["enterprise", "cooperative", "family_farm", "large_grower"]}',
   '巡查覆盖率：期间内至少巡查一次的主体比例（简化规则） · Share of subjects patrolled at least once in the period (simple rule)',
   'seed 004 annex 1: every subject in the annual patrol plan');
