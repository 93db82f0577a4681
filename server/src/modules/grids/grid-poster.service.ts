/**
 * The grid management map poster of a county or a township: its child grids labelled, legend, scale bar, north
 * arrow, date, data source and the roster (农产品质量安全网格化管理人员名单) of the area and its children.
 */
import type { PosterQuery } from '../../../contracts/grids';
import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import {
  layoutPoster,
  type PosterGrid,
  type PosterLayout,
  type PosterPerson,
} from '../../domain/grids/poster-layout';

interface GridRow {
  id: number;
  name: string;
  code: string;
  level: string;
  geometry: { coordinates: [number, number][][][] };
  label: [number, number];
  staffed: boolean;
}

const LEVEL_ZH: Record<string, string> = { county: '县级网格', township: '乡镇级网格', village: '村级网格' };

async function grids(tx: Queryable, where: string, id: number): Promise<GridRow[]> {
  const { rows } = await tx.query<GridRow>(
    `SELECT g.id, g.name, g.code, g.level, ST_AsGeoJSON(ST_Multi(g.geom), 6)::json AS geometry,
       json_build_array(ST_X(g.label_geom), ST_Y(g.label_geom)) AS label,
       NOT EXISTS (SELECT 1 FROM grid_role r WHERE r.level = g.level AND r.required
                   AND NOT EXISTS (SELECT 1 FROM grid_person p WHERE p.grid_id = g.id AND p.role = r.role)) AS staffed
     FROM grid_unit g WHERE ${where} ORDER BY g.code`,
    [id],
  );
  return rows;
}

const asPoster = (g: GridRow): PosterGrid => ({
  name: g.name,
  code: g.code,
  polygons: g.geometry.coordinates,
  label: g.label,
  staffed: g.staffed,
});

export async function buildPoster(
  tx: Queryable,
  id: number,
  query: PosterQuery,
  today: string,
): Promise<PosterLayout & { title: string; file: string }> {
  const [area] = await grids(tx, 'g.id = $1', id);
  if (!area) throw new AppError('NOT_FOUND', { resource: 'grid', id });
  if (area.level === 'village')
    throw new AppError(
      'EDIT_REFUSED',
      { id },
      { zh: '网格化管理图按县或乡镇制作', en: 'Posters are made for a county or a township' },
    );
  const children = await grids(tx, 'g.parent_id = $1', id);
  const { rows: people } = await tx.query<PosterPerson & { order: number }>(
    `SELECT g.name AS grid, r.name_zh AS role, p.name, p.post, p.phone
     FROM grid_person p JOIN grid_unit g ON g.id = p.grid_id JOIN grid_role r ON r.role = p.role
     WHERE g.id = $1 OR g.parent_id = $1
     ORDER BY g.id <> $1, g.code, r.sort_order, p.sort_order, p.id`,
    [id],
  );
  const title = query.title ?? `${area.name}农产品质量安全网格化管理图`;
  const unstaffed = children.filter((c) => !c.staffed).length;
  const layout = layoutPoster({
    page: { size: query.size, orientation: query.orientation },
    title,
    subtitle: `${LEVEL_ZH[area.level]} ${area.code} · 下辖${children.length}个${area.level === 'county' ? '乡镇级' : '村级'}网格${unstaffed ? ` · ${unstaffed}个未配齐人员` : ''} · 区域定格、网格定人、人员定责`,
    date: query.date ?? today,
    source: query.source ?? `农安一张图网格数据（${area.name}）`,
    area: asPoster(area),
    grids: children.map(asPoster),
    roster: people,
    labels: {
      legendTitle: '图例',
      boundary: `${area.name}界`,
      grid: area.level === 'county' ? '乡镇级网格' : '村级网格',
      unstaffed: '未配齐人员的网格',
      north: '北',
      rosterTitle: '农产品质量安全网格化管理人员名单',
      columns: ['序号', '网格', '岗位', '姓名', '职务', '联系电话'],
      date: '制图日期：',
      source: '数据来源：',
    },
  });
  return { ...layout, title, file: `${area.code}-${area.name}-网格化管理图` };
}
