-- Label anchors of grids of every level touching the tile (centre of the largest inscribed circle, kept by trigger).
-- label_geom has no Web Mercator copy: its 4326 index is searched with the tile's box in degrees.
-- priority: when thinning must choose, the county's label beats a township's, which beats a village's.
SELECT
  g.id,
  ST_Transform(g.label_geom, 3857) AS geom,
  g.code::text AS code,
  g.name,
  g.level,
  CASE g.level WHEN 'county' THEN 0 WHEN 'township' THEN 1 ELSE 2 END AS priority
FROM grid_unit g, tile
WHERE g.label_geom && tile.bbox_4326
