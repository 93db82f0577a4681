-- A zoning run outlives the grid it covered: deleting or merging a grid (grid planning) must not be blocked by, nor
-- delete, the runs made for it. The run keeps a copy of the grid's id, code, name and level, and its reference to
-- the grid becomes NULL when the grid is deleted.
ALTER TABLE soil_zone_run ADD COLUMN area jsonb;
UPDATE soil_zone_run r SET area = jsonb_build_object('id', g.id, 'code', g.code, 'name', g.name, 'level', g.level)
FROM grid_unit g WHERE g.id = r.area_grid_id;
ALTER TABLE soil_zone_run ALTER COLUMN area SET NOT NULL;
ALTER TABLE soil_zone_run ADD CONSTRAINT soil_zone_run_area_object CHECK (
  jsonb_typeof(area) = 'object' AND area ? 'code' AND area ? 'name' AND area ? 'level');
COMMENT ON COLUMN soil_zone_run.area IS 'The grid covered as it was at the time of the run: id, code, name, level.';

ALTER TABLE soil_zone_run ALTER COLUMN area_grid_id DROP NOT NULL;
ALTER TABLE soil_zone_run DROP CONSTRAINT soil_zone_run_area_grid_id_fkey;
ALTER TABLE soil_zone_run ADD CONSTRAINT soil_zone_run_area_grid_id_fkey
  FOREIGN KEY (area_grid_id) REFERENCES grid_unit (id) ON DELETE SET NULL;
COMMENT ON COLUMN soil_zone_run.area_grid_id IS 'The grid (county, township or village) the zones are clipped to; NULL once that grid is deleted (area keeps what it was).';
