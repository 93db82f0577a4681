-- Farmland soil samples in the tile: pH to 2 decimals, metals in mg/kg to 3 decimals (absent when not measured).
-- priority: the most recent sample is kept first.
SELECT
  s.id,
  s.geom_3857 AS geom,
  s.code,
  s.land_use,
  round(s.ph::numeric, 2)::float8 AS ph,
  round(s.cd_mgkg::numeric, 3)::float8 AS cd,
  round(s.hg_mgkg::numeric, 3)::float8 AS hg,
  round(s.as_mgkg::numeric, 3)::float8 AS "as",
  round(s.pb_mgkg::numeric, 3)::float8 AS pb,
  round(s.cr_mgkg::numeric, 3)::float8 AS cr,
  round(s.cu_mgkg::numeric, 3)::float8 AS cu,
  round(s.ni_mgkg::numeric, 3)::float8 AS ni,
  round(s.zn_mgkg::numeric, 3)::float8 AS zn,
  to_char(s.sampled_on, 'YYYY-MM-DD') AS sampled_on,
  date '2100-01-01' - s.sampled_on AS priority
FROM soil_sample s, tile
WHERE s.geom_3857 && tile.bbox
