-- GPS tracks of patrols crossing the tile (patrols without a track are not mapped); dates in China Standard Time.
-- priority: referrals to enforcement first, then rectification orders, then compliant visits.
SELECT
  p.id,
  p.geom_3857 AS geom,
  p.subject_id,
  p.inspector_name AS inspector,
  p.outcome,
  to_char(p.patrolled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS patrolled_on,
  extract(year FROM p.patrolled_at AT TIME ZONE 'Asia/Shanghai')::int AS year,
  CASE p.outcome WHEN 'refer' THEN 0 WHEN 'rectify' THEN 1 ELSE 2 END AS priority
FROM patrol p, tile
WHERE p.geom_3857 && tile.bbox
