-- The soil indicator of the officials' dashboard (issue 5 item 5 → issue 8): production subjects and bases inside
-- 严格管控类 zones of the newest soil zoning run covering each grid (a maximum, target 0), against those in 安全利用类
-- or 严格管控类 zones, with the farmland of each class in 亩.
ALTER TABLE indicator_target DROP CONSTRAINT indicator_target_indicator_check;
ALTER TABLE indicator_target ADD CONSTRAINT indicator_target_indicator_check CHECK (indicator IN ('staffing',
  'registry_freshness', 'traceability', 'certificates', 'sampling_quota', 'pass_rate', 'pass_rate_certified',
  'banned_pass_rate', 'patrol_coverage', 'rapid_tests', 'enforcement_cases', 'open_rectifications', 'soil_risk'));
COMMENT ON COLUMN indicator_target.indicator IS 'Indicator id (staffing, registry_freshness, traceability, certificates, sampling_quota, pass_rate, pass_rate_certified, banned_pass_rate, patrol_coverage, rapid_tests, enforcement_cases, open_rectifications, soil_risk).';

INSERT INTO indicator_target (indicator, target, params, description, source) VALUES
  ('soil_risk', 0, '{}',
   '严格管控类耕地内生产主体数（目标为 0），并列出安全利用类、严格管控类耕地面积（亩） · Production subjects and bases in 严格管控类 (strict-control) farmland of the latest soil zoning run (target 0), with the safe-utilisation and strict-control farmland in mu',
   'GB 15618-2018 / DOMAIN.md: strict-control farmland exceeds the risk intervention value — no edible produce should be grown there');
