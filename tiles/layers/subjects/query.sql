-- Active production subjects located in the tile (retired ones and those with only an address are not mapped).
-- priority: blacklisted (credit class C) first, then the key supervision list, then credit class B, then the rest.
SELECT
  s.id,
  s.geom_3857 AS geom,
  s.code,
  s.name,
  s.type,
  s.credit_class::text AS credit_class,
  s.key_list,
  s.traceability,
  s.issues_certificate,
  CASE WHEN s.credit_class = 'C' THEN 0 WHEN s.key_list THEN 1 WHEN s.credit_class = 'B' THEN 2 ELSE 3 END AS priority
FROM production_subject s, tile
WHERE s.status = 'active'
  AND s.geom_3857 && tile.bbox
