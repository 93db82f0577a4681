-- Grids of one level (set by each grids-<level>/layer.ts through gridsQuery) touching the tile. staffed: every required role
-- of the level has at least one person (网格定人). The wrapper (tiles/src/mvt-sql.ts) supplies the CTE `tile` and
-- clips, simplifies and limits.
SELECT
  g.id,
  g.geom_3857 AS geom,
  g.code::text AS code,
  g.name,
  g.level,
  g.parent_id,
  NOT EXISTS (
    SELECT 1 FROM grid_role r
    WHERE r.level = g.level AND r.required
      AND NOT EXISTS (SELECT 1 FROM grid_person p WHERE p.grid_id = g.id AND p.role = r.role)
  ) AS staffed,
  0 AS priority
FROM grid_unit g, tile
WHERE g.level = '{{level}}'
  AND g.geom_3857 && tile.bbox
