-- Zones of the soil zoning runs (土壤污染风险分区), one feature per polygon; the feature id is the zone's id.
-- area_mu: geodesic area in mu (1 亩 = 666.67 m²), one decimal. priority: newest run first, then the riskier class.
SELECT
  z.id,
  z.geom_3857 AS geom,
  z.run_id,
  z.class,
  r.metal,
  round((z.area_m2 / 666.67)::numeric, 1)::float8 AS area_mu,
  -z.run_id * 4 + CASE z.class WHEN 'strict_control' THEN 0 WHEN 'safe_utilisation' THEN 1
    WHEN 'priority_protection' THEN 2 ELSE 3 END AS priority
FROM soil_zone z
JOIN soil_zone_run r ON r.id = z.run_id, tile
WHERE z.geom_3857 && tile.bbox
