-- The production-subject registry (生产主体名录) as townships keep it: subjects are retired, never deleted; credit
-- class and key-list changes are recorded with their reason; each subject has a public token for its information
-- board (公示牌); the legal representative's resident ID number is kept for the editor only; and the key-list rule
-- is configuration, not code.

ALTER TABLE production_subject
  ADD COLUMN legal_rep_id_number text,
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN retired_reason text,
  ADD COLUMN public_token uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD CONSTRAINT production_subject_public_token_key UNIQUE (public_token),
  ADD CONSTRAINT production_subject_id_number_format CHECK (legal_rep_id_number IS NULL OR legal_rep_id_number ~ '^[1-9][0-9]{16}[0-9X]$'),
  ADD CONSTRAINT production_subject_retired_check CHECK ((status = 'retired') = (retired_at IS NOT NULL)),
  ADD CONSTRAINT production_subject_retired_reason_check CHECK (status <> 'retired' OR length(btrim(coalesce(retired_reason, ''))) > 0);
COMMENT ON COLUMN production_subject.legal_rep_id_number IS 'Resident ID number (居民身份证号) of the legal representative; never shown unmasked outside the editor.';
COMMENT ON COLUMN production_subject.retired_at IS 'When the subject was retired from the registry (status retired).';
COMMENT ON COLUMN production_subject.retired_reason IS 'Why it was retired (closed, merged, moved away …).';
COMMENT ON COLUMN production_subject.public_token IS 'Unguessable id of the subject''s public information board (公示牌) page.';
CREATE INDEX production_subject_updated_at_idx ON production_subject (updated_at);
CREATE INDEX production_subject_name_idx ON production_subject (name);

CREATE TABLE production_subject_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id  bigint NOT NULL REFERENCES production_subject (id) ON DELETE RESTRICT,
  kind        text NOT NULL,
  from_value  text,
  to_value    text,
  reason      text NOT NULL,
  effective_on date NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT production_subject_event_kind_check CHECK (kind IN ('credit_class', 'key_list', 'retired', 'restored')),
  CONSTRAINT production_subject_event_reason_check CHECK (length(btrim(reason)) BETWEEN 1 AND 500)
);
COMMENT ON TABLE production_subject_event IS 'Registry decisions about a subject, with their reason and date: credit class changes, key-list entries and exits, retirement.';
COMMENT ON COLUMN production_subject_event.id IS 'Surrogate key.';
COMMENT ON COLUMN production_subject_event.subject_id IS 'The subject.';
COMMENT ON COLUMN production_subject_event.kind IS 'credit_class | key_list | retired | restored.';
COMMENT ON COLUMN production_subject_event.from_value IS 'Value before (e.g. the old credit class; true/false for key_list).';
COMMENT ON COLUMN production_subject_event.to_value IS 'Value after.';
COMMENT ON COLUMN production_subject_event.reason IS 'Why (required).';
COMMENT ON COLUMN production_subject_event.effective_on IS 'The date the decision takes effect.';
COMMENT ON COLUMN production_subject_event.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN production_subject_event.created_at IS 'When it was recorded.';
COMMENT ON COLUMN production_subject_event.created_by IS 'Who recorded it.';
COMMENT ON COLUMN production_subject_event.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN production_subject_event.updated_by IS 'Author of the last update.';
CREATE INDEX production_subject_event_subject_idx ON production_subject_event (subject_id, created_at);
CREATE TRIGGER production_subject_event_touch BEFORE UPDATE ON production_subject_event FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE registry_setting (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  description text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user()
);
COMMENT ON TABLE registry_setting IS 'Configuration of the registry rules (key-list membership, duplicate distance), editable without code changes.';
COMMENT ON COLUMN registry_setting.key IS 'Setting name.';
COMMENT ON COLUMN registry_setting.value IS 'Setting value (JSON).';
COMMENT ON COLUMN registry_setting.description IS 'What the setting means.';
COMMENT ON COLUMN registry_setting.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN registry_setting.created_at IS 'Creation time.';
COMMENT ON COLUMN registry_setting.created_by IS 'Author of the row.';
COMMENT ON COLUMN registry_setting.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN registry_setting.updated_by IS 'Author of the last update.';
CREATE TRIGGER registry_setting_touch BEFORE UPDATE ON registry_setting FOR EACH ROW EXECUTE FUNCTION touch_row();

INSERT INTO registry_setting (key, value, description) VALUES
  ('key_list_rule',
   '{"creditClasses": ["C"], "failedSamples": 2, "withinMonths": 12}',
   'A subject belongs on the key supervision list (重点监管名录) when its credit class is one of creditClasses, or when at least failedSamples of its samples failed within the last withinMonths months (seed 004 annex 1, art. 4: high risk or low credit).'),
  ('duplicate_distance_m',
   '200',
   'Two subjects with the same name closer than this many metres are flagged as possible duplicates.');
