-- Saved views and presentation decks (issue 8, item 3): a named view captures a workspace (the map or the
-- dashboard) — visible layers, camera, period, level, indicator, selected grid — as JSON validated by the server
-- (server/contracts/views.ts). Views belong to the account that saved them and are ordered in named decks, so a
-- township leader's deck is there on whichever PC the leader logs in (the meeting room's). Row-level security
-- shows an account only its own views, and only those whose scope grid lies in its jurisdiction.
CREATE TABLE saved_view (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner       text NOT NULL DEFAULT app_current_user(),
  grid_id     bigint NOT NULL REFERENCES grid_unit (id) ON DELETE CASCADE,
  deck        text NOT NULL,
  position    integer NOT NULL,
  name        text NOT NULL,
  state       jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT saved_view_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 80),
  CONSTRAINT saved_view_deck_check CHECK (length(btrim(deck)) BETWEEN 1 AND 40),
  CONSTRAINT saved_view_position_check CHECK (position BETWEEN 1 AND 1000),
  CONSTRAINT saved_view_state_object CHECK (jsonb_typeof(state) = 'object')
);
COMMENT ON TABLE saved_view IS 'A named view of the map or the dashboard, one slide of its owner''s presentation deck (issue 8).';
COMMENT ON COLUMN saved_view.id IS 'Surrogate key.';
COMMENT ON COLUMN saved_view.owner IS 'Account (username) that saved the view; only it sees and edits it.';
COMMENT ON COLUMN saved_view.grid_id IS 'Scope grid: the area the view is about (by default the owner''s jurisdiction); must lie in the owner''s jurisdiction.';
COMMENT ON COLUMN saved_view.deck IS 'Name of the deck (sequence of slides) the view belongs to.';
COMMENT ON COLUMN saved_view.position IS 'Position of the view in its deck, from 1.';
COMMENT ON COLUMN saved_view.name IS 'Title of the view, shown on its slide.';
COMMENT ON COLUMN saved_view.state IS 'The captured workspace: {workspace, layers, camera, period, level, parentId, indicator, selectedGridId, compare, patrolDay}.';
COMMENT ON COLUMN saved_view.version IS 'Optimistic-concurrency version, bumped by touch_row on every update.';
COMMENT ON COLUMN saved_view.created_at IS 'Creation time.';
COMMENT ON COLUMN saved_view.created_by IS 'Author of the row.';
COMMENT ON COLUMN saved_view.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN saved_view.updated_by IS 'Author of the last update.';
CREATE INDEX saved_view_owner_deck_idx ON saved_view (owner, deck, position);
CREATE INDEX saved_view_grid_idx ON saved_view (grid_id);
CREATE TRIGGER saved_view_touch BEFORE UPDATE ON saved_view FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT audit_enable('saved_view');

-- Own views only, within the jurisdiction (settings read once per statement, as in 0021).
ALTER TABLE saved_view ENABLE ROW LEVEL SECURITY;
DO $$
BEGIN
  EXECUTE format('CREATE POLICY saved_view_read ON saved_view FOR SELECT TO nongan_app USING (owner = (SELECT app_current_user()) AND %s)',
    app_read_check('grid_id'));
  EXECUTE format('CREATE POLICY saved_view_write ON saved_view FOR ALL TO nongan_app USING (owner = (SELECT app_current_user()) AND %s) WITH CHECK (owner = (SELECT app_current_user()) AND %s)',
    app_write_check('grid_id'), app_write_check('grid_id'));
END $$;
