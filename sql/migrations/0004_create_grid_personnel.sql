-- 网格定人: the roles each grid level must staff (roster table in the annex of the Changji plan) and the people in them.

CREATE TABLE grid_role (
  role        text PRIMARY KEY,
  level       text NOT NULL CHECK (level IN ('county', 'township', 'village')),
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  required    boolean NOT NULL DEFAULT true,
  sort_order  integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  version     integer NOT NULL DEFAULT 1
);
COMMENT ON TABLE grid_role IS 'Roles a grid of each level must or may staff, from the roster table (农产品质量安全网格化管理人员名单).';
COMMENT ON COLUMN grid_role.role IS 'Stable role identifier.';
COMMENT ON COLUMN grid_role.level IS 'Grid level the role belongs to.';
COMMENT ON COLUMN grid_role.name_zh IS 'Role title in Chinese as used in the roster table.';
COMMENT ON COLUMN grid_role.name_en IS 'Role title in English.';
COMMENT ON COLUMN grid_role.required IS 'Whether a grid of this level counts as unstaffed without someone in this role.';
COMMENT ON COLUMN grid_role.sort_order IS 'Column order in rosters.';
COMMENT ON COLUMN grid_role.created_at IS 'Creation time.';
COMMENT ON COLUMN grid_role.created_by IS 'Author of the row.';
COMMENT ON COLUMN grid_role.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN grid_role.updated_by IS 'Author of the last update.';
COMMENT ON COLUMN grid_role.version IS 'Optimistic-concurrency version.';

INSERT INTO grid_role (role, level, name_zh, name_en, required, sort_order) VALUES
  ('county_first_responsible', 'county',   '监管第一责任人',           'First responsible person',      true, 1),
  ('county_responsible',       'county',   '监管责任人',               'Responsible person',            true, 2),
  ('township_supervisor',      'township', '监管责任人（网格监管员）', 'Grid supervisor',               true, 1),
  ('township_tester',          'township', '乡镇监管站检测员',         'Township station tester',       true, 2),
  ('village_coordinator',      'village',  '协管员',                   'Village coordinator',           true, 1);

CREATE TRIGGER grid_role_touch BEFORE UPDATE ON grid_role FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE grid_person (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  grid_id     bigint NOT NULL REFERENCES grid_unit (id) ON DELETE RESTRICT,
  role        text NOT NULL REFERENCES grid_role (role),
  name        text NOT NULL,
  post        text NOT NULL DEFAULT '',
  phone       text NOT NULL,
  sort_order  integer NOT NULL DEFAULT 0,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT grid_person_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 40),
  CONSTRAINT grid_person_post_check CHECK (length(post) <= 60),
  -- Chinese mobile (11 digits starting 1[3-9]) or a landline with its area code (0xx/0xxx, hyphen optional).
  CONSTRAINT grid_person_phone_format CHECK (phone ~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$')
);
COMMENT ON TABLE grid_person IS 'People responsible for a grid (网格定人): name, post and phone, in a role of the grid''s level.';
COMMENT ON COLUMN grid_person.id IS 'Surrogate key.';
COMMENT ON COLUMN grid_person.grid_id IS 'The grid the person is responsible for.';
COMMENT ON COLUMN grid_person.role IS 'Role (grid_role.role); must belong to the grid''s level.';
COMMENT ON COLUMN grid_person.name IS 'Full name.';
COMMENT ON COLUMN grid_person.post IS 'Post or title (职务).';
COMMENT ON COLUMN grid_person.phone IS 'Contact phone: mobile or landline with area code.';
COMMENT ON COLUMN grid_person.sort_order IS 'Order within the role on rosters and posters.';
COMMENT ON COLUMN grid_person.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN grid_person.created_at IS 'Creation time.';
COMMENT ON COLUMN grid_person.created_by IS 'Author of the row.';
COMMENT ON COLUMN grid_person.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN grid_person.updated_by IS 'Author of the last update.';

CREATE INDEX grid_person_grid_idx ON grid_person (grid_id);

CREATE FUNCTION grid_person_check_role_level() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  grid_level text;
  role_level text;
BEGIN
  SELECT level INTO grid_level FROM grid_unit WHERE id = NEW.grid_id;
  SELECT level INTO role_level FROM grid_role WHERE role = NEW.role;
  IF grid_level IS DISTINCT FROM role_level THEN
    RAISE EXCEPTION 'role % belongs to % grids, not to a % grid', NEW.role, role_level, grid_level
      USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_person_role_level';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION grid_person_check_role_level() IS 'Rejects a person whose role is not a role of the grid''s level.';

CREATE TRIGGER grid_person_role_level BEFORE INSERT OR UPDATE OF grid_id, role ON grid_person
  FOR EACH ROW EXECUTE FUNCTION grid_person_check_role_level();
CREATE TRIGGER grid_person_touch BEFORE UPDATE ON grid_person FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER grid_person_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_person
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
