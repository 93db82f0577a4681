-- Subject counts at province scale (issue 8, performance): the dashboard counts a million subjects per village for
-- their state (registry freshness, traceability, certificates — live and as at a period's end) and their patrol
-- coverage. production_subject is a wide table (names, codes, four geometries); with these columns beside grid_id
-- those counts read a narrow index alone (an index-only scan, a sixth of the table's pages) instead of the table.
-- owner_grid_id is there for row-level security (policy on coalesce(grid_id, owner_grid_id)). Replaces
-- production_subject_grid_idx (0005), whose key it keeps; updated_at already had its own index, so no update that
-- could stay in place (HOT) before loses that.
CREATE INDEX production_subject_grid_state_idx ON production_subject (grid_id)
  INCLUDE (id, owner_grid_id, status, type, key_list, credit_class, retired_at, traceability, issues_certificate,
           updated_at, created_at);
DROP INDEX production_subject_grid_idx;
