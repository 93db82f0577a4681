-- Production bases (生产基地) of active subjects; the feature id is the subject's id.
-- area_mu: geodesic area in mu (1 亩 = 10000/15 m²), one decimal. priority: larger bases are kept first.
SELECT
  s.id,
  s.base_geom_3857 AS geom,
  s.name,
  s.type,
  round((ST_Area(s.base_geom::geography) * 0.0015)::numeric, 1)::float8 AS area_mu,
  -ST_Area(s.base_geom_3857) AS priority
FROM production_subject s, tile
WHERE s.status = 'active'
  AND s.base_geom_3857 && tile.bbox
