-- Ground truth of the patterns the demo-county generator plants (clusters, plume, blind spots), for tests of later analyses.
CREATE TABLE demo_truth (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT app_current_user()
);
COMMENT ON TABLE demo_truth IS 'What the demo generator planted and where (only present in demo databases).';
COMMENT ON COLUMN demo_truth.key IS 'Pattern name, e.g. carbofuran_clusters, cadmium_plume, patrol_blind_spots, generator.';
COMMENT ON COLUMN demo_truth.value IS 'Description of the pattern: centres, radii, affected grid codes, rates, seed and scale.';
COMMENT ON COLUMN demo_truth.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN demo_truth.created_at IS 'Creation time.';
COMMENT ON COLUMN demo_truth.created_by IS 'Author of the row.';
COMMENT ON COLUMN demo_truth.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN demo_truth.updated_by IS 'Author of the last update.';
CREATE TRIGGER demo_truth_touch BEFORE UPDATE ON demo_truth FOR EACH ROW EXECUTE FUNCTION touch_row();
