-- Samples taken in the tile, with their verdict; dates are calendar days in China Standard Time.
-- priority: fail, then suspected, then pending, then pass — thinning keeps a failure where there is one.
SELECT
  s.id,
  s.geom_3857 AS geom,
  s.code,
  s.kind,
  s.verdict,
  s.commodity,
  s.commodity_category AS category,
  to_char(s.sampled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS sampled_on,
  extract(year FROM s.sampled_at AT TIME ZONE 'Asia/Shanghai')::int AS year,
  CASE s.verdict WHEN 'fail' THEN 0 WHEN 'suspected' THEN 1 WHEN 'pending' THEN 2 ELSE 3 END AS priority
FROM sample s, tile
WHERE s.geom_3857 && tile.bbox
