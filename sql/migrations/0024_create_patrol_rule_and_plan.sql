-- Patrol planning (issue 6, items 1–3): the patrol-frequency rules as editable configuration (annex 1 of seed 004),
-- and the stored patrol plans with their daily routes.

CREATE TABLE patrol_rule (
  subject_type      text PRIMARY KEY,
  per_year          integer NOT NULL,
  key_list_extra    integer NOT NULL DEFAULT 0,
  low_credit_extra  integer NOT NULL DEFAULT 0,
  peak_months       smallint[] NOT NULL DEFAULT '{}',
  peak_extra        integer NOT NULL DEFAULT 0,
  description       text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        text NOT NULL DEFAULT app_current_user(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT patrol_rule_type_check CHECK (subject_type IN (
    'enterprise', 'cooperative', 'family_farm', 'large_grower', 'small_household', 'input_shop', 'storage_transport')),
  CONSTRAINT patrol_rule_counts_check CHECK (per_year BETWEEN 0 AND 52 AND key_list_extra BETWEEN 0 AND 52
    AND low_credit_extra BETWEEN 0 AND 52 AND peak_extra BETWEEN 0 AND 52),
  CONSTRAINT patrol_rule_peak_months_check CHECK (peak_months <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[])
);
COMMENT ON TABLE patrol_rule IS 'Minimum patrol frequency per production-subject type (annex 1 of seed 004), editable by the county.';
COMMENT ON COLUMN patrol_rule.subject_type IS 'Production-subject type the rule applies to.';
COMMENT ON COLUMN patrol_rule.per_year IS 'Patrols required per calendar year (0: only when a risk extra applies).';
COMMENT ON COLUMN patrol_rule.key_list_extra IS 'Extra patrols per year for subjects on the key supervision list.';
COMMENT ON COLUMN patrol_rule.low_credit_extra IS 'Extra patrols per year for subjects of credit class C or D (risk-based).';
COMMENT ON COLUMN patrol_rule.peak_months IS 'Months (1–12) of the pesticide-use peak and harvest season.';
COMMENT ON COLUMN patrol_rule.peak_extra IS 'Extra patrols required in a period that overlaps a peak month.';
COMMENT ON COLUMN patrol_rule.description IS 'Where the rule comes from, for the people who edit it.';
COMMENT ON COLUMN patrol_rule.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN patrol_rule.created_at IS 'Creation time.';
COMMENT ON COLUMN patrol_rule.created_by IS 'Author of the row.';
COMMENT ON COLUMN patrol_rule.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN patrol_rule.updated_by IS 'Author of the last update.';
CREATE TRIGGER patrol_rule_touch BEFORE UPDATE ON patrol_rule FOR EACH ROW EXECUTE FUNCTION touch_row();

INSERT INTO patrol_rule (subject_type, per_year, key_list_extra, low_credit_extra, peak_months, peak_extra, description) VALUES
  ('enterprise', 2, 1, 1, '{5,6,7,8,9,10}', 1, '004 附件1：企业每年不少于2次；重点监管名录和用药高峰期、集中上市期加密'),
  ('cooperative', 2, 1, 1, '{5,6,7,8,9,10}', 1, '004 附件1：合作社每年不少于2次'),
  ('family_farm', 2, 1, 1, '{5,6,7,8,9,10}', 1, '004 附件1：家庭农场每年不少于2次'),
  ('large_grower', 1, 1, 1, '{5,6,7,8,9,10}', 0, '004 附件1：种养大户每年不少于1次'),
  ('small_household', 0, 1, 1, '{5,6,7,8,9,10}', 0, '004 附件1：小农户按风险抽查（重点名录或信用等级C/D）'),
  ('input_shop', 2, 1, 1, '{}', 0, '投入品经营店：按企业对待'),
  ('storage_transport', 1, 1, 1, '{}', 0, '收贮运主体：每年不少于1次');
SELECT audit_enable('patrol_rule');

CREATE TABLE patrol_plan (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  grid_id        bigint NOT NULL REFERENCES grid_unit (id) ON DELETE RESTRICT,
  start_date     date NOT NULL,
  days           integer NOT NULL,
  station        geometry(Point, 4326) NOT NULL,
  parameters     jsonb NOT NULL,
  summary        jsonb NOT NULL,
  unplaced       jsonb NOT NULL DEFAULT '[]',
  status         text NOT NULL DEFAULT 'active',
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text NOT NULL DEFAULT app_current_user(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT patrol_plan_days_check CHECK (days BETWEEN 1 AND 31),
  CONSTRAINT patrol_plan_status_check CHECK (status IN ('active', 'cancelled'))
);
COMMENT ON TABLE patrol_plan IS 'A patrol plan: daily routes from the township station over the subjects due.';
COMMENT ON COLUMN patrol_plan.id IS 'Surrogate key.';
COMMENT ON COLUMN patrol_plan.grid_id IS 'Grid (township or village) the plan belongs to.';
COMMENT ON COLUMN patrol_plan.start_date IS 'First day of the plan.';
COMMENT ON COLUMN patrol_plan.days IS 'Number of days planned (1–31).';
COMMENT ON COLUMN patrol_plan.station IS 'Start and end of every daily route, EPSG:4326.';
COMMENT ON COLUMN patrol_plan.parameters IS 'Request parameters: limits per day, service minutes, speed, detour factor.';
COMMENT ON COLUMN patrol_plan.summary IS 'Per day: stops, distance km, travel and service minutes.';
COMMENT ON COLUMN patrol_plan.unplaced IS 'Subjects left out of the plan, each with the reason.';
COMMENT ON COLUMN patrol_plan.status IS 'active | cancelled (plans are never deleted).';
COMMENT ON COLUMN patrol_plan.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN patrol_plan.created_at IS 'Creation time.';
COMMENT ON COLUMN patrol_plan.created_by IS 'Author of the row.';
COMMENT ON COLUMN patrol_plan.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN patrol_plan.updated_by IS 'Author of the last update.';
CREATE INDEX patrol_plan_grid_idx ON patrol_plan (grid_id);
CREATE TRIGGER patrol_plan_touch BEFORE UPDATE ON patrol_plan FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE patrol_plan_stop (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id        bigint NOT NULL REFERENCES patrol_plan (id) ON DELETE RESTRICT,
  grid_id        bigint REFERENCES grid_unit (id) ON DELETE RESTRICT,
  day            integer NOT NULL,
  seq            integer NOT NULL,
  subject_id     bigint NOT NULL REFERENCES production_subject (id) ON DELETE RESTRICT,
  arrive_minute  double precision NOT NULL,
  service_minutes double precision NOT NULL,
  leg_km         double precision NOT NULL,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text NOT NULL DEFAULT app_current_user(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT patrol_plan_stop_order_key UNIQUE (plan_id, day, seq),
  CONSTRAINT patrol_plan_stop_day_check CHECK (day BETWEEN 1 AND 31 AND seq >= 1)
);
COMMENT ON TABLE patrol_plan_stop IS 'The stops of a patrol plan, in visiting order per day.';
COMMENT ON COLUMN patrol_plan_stop.id IS 'Surrogate key.';
COMMENT ON COLUMN patrol_plan_stop.plan_id IS 'The plan.';
COMMENT ON COLUMN patrol_plan_stop.grid_id IS 'Village grid of the subject when the plan was made.';
COMMENT ON COLUMN patrol_plan_stop.day IS 'Day of the plan, 1 = start date.';
COMMENT ON COLUMN patrol_plan_stop.seq IS 'Position of the stop in the day''s route, from 1.';
COMMENT ON COLUMN patrol_plan_stop.subject_id IS 'Production subject visited.';
COMMENT ON COLUMN patrol_plan_stop.arrive_minute IS 'Planned arrival, minutes after leaving the station.';
COMMENT ON COLUMN patrol_plan_stop.service_minutes IS 'Planned time on site, minutes.';
COMMENT ON COLUMN patrol_plan_stop.leg_km IS 'Travel distance from the previous stop (or the station), km.';
COMMENT ON COLUMN patrol_plan_stop.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN patrol_plan_stop.created_at IS 'Creation time.';
COMMENT ON COLUMN patrol_plan_stop.created_by IS 'Author of the row.';
COMMENT ON COLUMN patrol_plan_stop.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN patrol_plan_stop.updated_by IS 'Author of the last update.';
CREATE INDEX patrol_plan_stop_plan_idx ON patrol_plan_stop (plan_id);
CREATE INDEX patrol_plan_stop_subject_idx ON patrol_plan_stop (subject_id);
CREATE TRIGGER patrol_plan_stop_touch BEFORE UPDATE ON patrol_plan_stop FOR EACH ROW EXECUTE FUNCTION touch_row();

SELECT audit_enable('patrol_plan');
SELECT audit_enable('patrol_plan_stop');
SELECT app_protect_by_grid('patrol_plan', 'grid_id');
SELECT app_protect_by_parent('patrol_plan_stop', 'patrol_plan', 'plan_id');
