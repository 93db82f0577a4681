/**
 * Print-ready maps (issue 8 items 4–5), drawn on the server from PostGIS and the indicator service — never a
 * screenshot: the dashboard's current view (one page, PDF or PNG), an atlas (one page per grid, each framed on its
 * grid with its own numbers) and the county's annual report pack. The indicator ids are taken generically from the
 * contract, so indicators added later print too.
 */
import { AreaHotspotsRequest } from '../../../contracts/analysis';
import {
  INDICATORS,
  type IndicatorId,
  type IndicatorsResponse,
  type IndicatorUnit,
  type IndicatorValue,
} from '../../../contracts/indicators';
import {
  MAX_ATLAS_PAGES,
  MAX_PNG_PIXELS,
  type PrintAtlasRequest,
  type PrintMapRequest,
  type PrintReportRequest,
} from '../../../contracts/print';
import type { Db, Queryable } from '../../db/engine';
import { POSTER_FILLS, type PosterLayout } from '../../domain/grids/poster-layout';
import {
  classLegend,
  classOf,
  colorOf,
  formatValue,
  indicatorsTable,
  nameOf,
  SMALL_SAMPLE_NOTE,
  unitsTable,
} from '../../domain/print/indicator-text';
import {
  arrange,
  clipRings,
  type Extent,
  extentOf,
  layoutMapPage,
  layoutTablePage,
  type LegendEntry,
  type MapFeature,
  type MapLabel,
  type MapPageInput,
  type MapPoint,
  type Orientation,
  pageFrame,
  type PaperSize,
  pixelSize,
  tableCapacity,
  type TableSpec,
  visibleExtent,
} from '../../domain/print/print-layout';
import { AppError } from '../../http/app-error';
import { chinaDate } from '../../lib/china-date';
import { areaHotspots } from '../analysis/analysis.service';
import { pagesPdf, posterPng } from '../grids/grid-poster.render';
import { indicators } from '../indicators/indicators.service';
import {
  areaProjection,
  gridExtent,
  latestSoilRun,
  type ProjectedGrid,
  projectedGrids,
  projectedSubjects,
  projectedZones,
} from './print.repository';

const INK = '#1f2d3a';
const WORDS: MapPageInput['words'] = {
  north: '北',
  date: '制图日期：',
  source: '数据来源：',
  crs: '坐标系：',
  scale: '比例尺 1:',
  more: '另有 {n} 行未能列出，完整数据见 Excel 导出',
};
const LEVEL_ZH: Record<string, string> = { county: '县', township: '乡镇', village: '村' };
const MAX_SUBJECT_POINTS = 20_000;
const MAX_APPENDIX_PAGES = 20;

export interface PrintFile {
  bytes: Uint8Array;
  type: 'application/pdf' | 'image/png';
  file: string;
}

/**
 * The geometry of one document: every grid set is read once (projected to the document's zone, simplified by
 * `tolerance` metres) and clipped per page in memory.
 */
class Geometry {
  private readonly cache = new Map<string, Promise<ProjectedGrid[]>>();
  constructor(
    readonly tx: Queryable,
    readonly proj: string,
    readonly crs: string,
    readonly tolerance: number,
  ) {}

  static async of(tx: Queryable, gridId: number, tolerance?: number): Promise<Geometry> {
    const projection = await areaProjection(tx, gridId);
    let t = tolerance;
    if (t === undefined) {
      const [x0, y0, x1, y1] = await gridExtent(tx, gridId, projection.proj);
      // A fifth of a millimetre on an A3 page showing the whole area.
      t = (Math.max(x1 - x0, y1 - y0) / 380) * 0.2;
    }
    return new Geometry(tx, projection.proj, projection.crs, t);
  }

  grids(where: string, arg: unknown): Promise<ProjectedGrid[]> {
    const key = `${where}|${JSON.stringify(arg)}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = projectedGrids(this.tx, where, arg, this.proj, this.tolerance);
      this.cache.set(key, hit);
    }
    return hit;
  }

  async grid(id: number): Promise<ProjectedGrid> {
    const [g] = await this.grids('g.id = $1', id);
    if (!g) throw new AppError('NOT_FOUND', { resource: 'grid', id });
    return g;
  }
}

interface PageContext {
  geo: Geometry;
  clip: Extent;
  /** The grids with their rings clipped to the frame (those wholly outside left out). */
  clipped(grids: ProjectedGrid[]): ProjectedGrid[];
  inside(p: [number, number]): boolean;
}

interface PageSpec {
  page: { size: PaperSize; orientation: Orientation };
  title: string;
  subtitle: string;
  date: string;
  source: string;
  frameOn: number;
  table: TableSpec | null;
  legendTitle: string;
  mapShare?: number;
  content: (ctx: PageContext) => Promise<{
    features: MapFeature[];
    points?: MapPoint[];
    labels: MapLabel[];
    legend: LegendEntry[];
    message?: string;
  }>;
}

/** Lays out one map page: frame first, then the content clipped to what the frame shows. */
async function mapPage(geo: Geometry, spec: PageSpec): Promise<PosterLayout> {
  const framed = await geo.grid(spec.frameOn);
  const extent = extentOf(framed.rings);
  const { frame } = arrange({
    page: spec.page,
    title: spec.title,
    subtitle: spec.subtitle,
    date: spec.date,
    source: spec.source,
    words: WORDS,
    ...(spec.mapShare ? { mapShare: spec.mapShare } : {}),
    legendEntries: 0,
    hasTable: spec.table !== null,
  });
  const clip = visibleExtent(extent, frame);
  const inside = ([x, y]: [number, number]) => x >= clip[0] && x <= clip[2] && y >= clip[1] && y <= clip[3];
  const content = await spec.content({
    geo,
    clip,
    inside,
    clipped: (grids) =>
      grids.flatMap((g) => {
        const rings = clipRings(g.rings, clip);
        return rings.length ? [{ ...g, rings }] : [];
      }),
  });
  return layoutMapPage({
    page: spec.page,
    title: spec.title,
    subtitle: spec.subtitle,
    date: spec.date,
    source: spec.source,
    crs: geo.crs,
    extent,
    features: content.features,
    points: (content.points ?? []).filter((p) => inside(p.at)),
    labels: content.labels.filter((l) => inside(l.at)),
    ...(content.message ? { message: content.message } : {}),
    legend: { title: spec.legendTitle, entries: content.legend },
    table: spec.table,
    ...(spec.mapShare ? { mapShare: spec.mapShare } : {}),
    words: WORDS,
  });
}

const byValue = (indicator: IndicatorId) => (a: IndicatorUnit, b: IndicatorUnit) =>
  (b.values[indicator].value ?? -Infinity) - (a.values[indicator].value ?? -Infinity);

const periodText = (p: { from: string; to: string }) =>
  p.from.endsWith('-01-01') && p.to.endsWith('-12-31') && p.from.slice(0, 4) === p.to.slice(0, 4)
    ? `${p.from.slice(0, 4)}年度`
    : `${p.from} 至 ${p.to}`;

const labelOf = (name: string, v: IndicatorValue | undefined): MapLabel['sub'] =>
  v === undefined
    ? name
    : v.value === null
      ? '无数据'
      : `${formatValue(v.indicator, v.value)}${v.smallSample ? '*' : ''}`;

/** The choropleth of one indicator over units, the parent's outline, labels and (optionally) subjects. */
function choropleth(
  data: Pick<IndicatorsResponse, 'units' | 'parent'>,
  indicator: IndicatorId,
  parentId: number,
  parentName: string,
  options: { labels: boolean; subjects: boolean },
): PageSpec['content'] {
  return async ({ geo, clipped }) => {
    const values = new Map(data.units.map((u) => [u.grid.id, u.values[indicator]]));
    const grids = clipped(
      await geo.grids(
        'g.id = ANY($1::bigint[])',
        data.units.map((u) => u.grid.id),
      ),
    );
    const [outline] = clipped([await geo.grid(parentId)]);
    const features: MapFeature[] = grids.map((g) => ({
      rings: g.rings,
      fill: colorOf(classOf(values.get(g.id))),
      stroke: '#ffffff',
      width: 0.45,
    }));
    if (outline) features.push({ rings: outline.rings, stroke: INK, width: 0.8 });
    const legend: LegendEntry[] = [
      { kind: 'line', color: INK, label: `${parentName}界` },
      ...classLegend(
        data.units.map((u) => u.values[indicator]),
        indicator,
        data.units[0]?.values[indicator].target ?? null,
      ),
    ];
    let points: MapPoint[] = [];
    if (options.subjects) {
      const at = await projectedSubjects(geo.tx, parentId, geo.proj, MAX_SUBJECT_POINTS);
      points = at.map((p) => ({ at: p, color: '#2c3e50' }));
      legend.push({
        kind: 'point',
        color: '#2c3e50',
        label: `生产经营主体（${at.length}${at.length >= MAX_SUBJECT_POINTS ? '+' : ''} 个）`,
      });
    }
    const labels = options.labels
      ? grids.map((g) => ({ at: g.label, text: g.name, sub: labelOf(g.name, values.get(g.id)) as string }))
      : [];
    return { features, points, labels, legend };
  };
}

async function parentName(tx: Queryable, id: number): Promise<{ name: string; level: string }> {
  const { rows } = await tx.query<{ name: string; level: string }>(
    'SELECT name, level FROM grid_unit WHERE id = $1',
    [id],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', { path: 'body.parentId' });
  return rows[0];
}

/** How many grids of the level lie under the parent (the atlas's page count), in the caller's scope. */
async function countUnits(tx: Queryable, level: string, parentId: number): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM grid_unit g WHERE g.level = $1
       AND (g.parent_id = $2 OR g.parent_id IN (SELECT id FROM grid_unit WHERE parent_id = $2))`,
    [level, parentId],
  );
  return rows[0]?.n ?? 0;
}

function checkPixels(request: PrintMapRequest): void {
  const { width, height } = pixelSize(request.size, request.orientation, request.dpi);
  if (width * height > MAX_PNG_PIXELS)
    throw new AppError(
      'VALIDATION_FAILED',
      { path: 'body.dpi', pixels: width * height, limit: MAX_PNG_PIXELS },
      {
        zh: `图片过大：${request.size} ${request.dpi} dpi 为 ${width} × ${height} 像素，上限 ${MAX_PNG_PIXELS / 1e6} 百万像素，请降低 dpi（body.dpi）`,
        en: `Image too large: ${request.size} at ${request.dpi} dpi is ${width} × ${height} px, the limit is ${MAX_PNG_PIXELS / 1e6} megapixels; lower body.dpi`,
      },
    );
}

/** The dashboard's current view as one page. */
export async function printMap(db: Db, request: PrintMapRequest): Promise<PrintFile> {
  if (request.format === 'png') checkPixels(request);
  const data = await indicators(db, {
    level: request.level,
    parentId: request.parentId,
    from: request.from,
    to: request.to,
  } as Parameters<typeof indicators>[1]);
  const layout = await db.transaction(
    async (tx) => {
      const parent = await parentName(tx, request.parentId);
      const name = nameOf(request.indicator);
      const sorted = [...data.units].sort(byValue(request.indicator));
      const period = periodText(data.period);
      return mapPage(await Geometry.of(tx, request.parentId), {
        page: { size: request.size, orientation: request.orientation },
        title: request.title ?? `${parent.name}${period}${name}分布图`,
        subtitle:
          request.subtitle ??
          `${data.period.from} 至 ${data.period.to} · 各${LEVEL_ZH[request.level]}按与目标的差距分级 · ${data.units.length} 个网格`,
        date: chinaDate(),
        source: request.source ?? `农安一张图 监管考核指标（${parent.name}）`,
        frameOn: request.parentId,
        table: unitsTable(
          `各${LEVEL_ZH[request.level]}${name}`,
          sorted.map((u) => ({ name: u.grid.name, value: u.values[request.indicator] })),
          data.parent ? { name: `${parent.name}合计`, value: data.parent.values[request.indicator] } : null,
        ),
        legendTitle: `图例 · ${name}`,
        content: choropleth(data, request.indicator, request.parentId, parent.name, {
          labels: request.layers.includes('labels'),
          subjects: request.layers.includes('subjects'),
        }),
      });
    },
    { readOnly: true },
  );
  const base = `${request.indicator}-${request.from}-${request.to}-${request.size}-${request.orientation}`;
  if (request.format === 'png')
    return { bytes: posterPng(layout, request.dpi), type: 'image/png', file: `${base}.png` };
  return {
    bytes: await pagesPdf([layout], request.title ?? nameOf(request.indicator)),
    type: 'application/pdf',
    file: `${base}.pdf`,
  };
}

/** One page per grid of the level under the parent, each framed on its grid with its own numbers. */
export async function printAtlas(
  db: Db,
  request: PrintAtlasRequest,
  maxPages = MAX_ATLAS_PAGES,
): Promise<PrintFile> {
  const pages = await db.transaction((tx) => countUnits(tx, request.level, request.parentId), {
    readOnly: true,
  });
  if (pages > maxPages)
    throw new AppError(
      'VALIDATION_FAILED',
      { path: 'body.parentId', pages, limit: maxPages },
      {
        zh: `图集页数过多：${pages} 页，上限 ${maxPages} 页；请选择下一级的上级网格（body.parentId）`,
        en: `Too many atlas pages: ${pages}, the limit is ${maxPages}; choose a parent one level down (body.parentId)`,
      },
    );
  const data = await indicators(db, {
    level: request.level,
    parentId: request.parentId,
    from: request.from,
    to: request.to,
  } as Parameters<typeof indicators>[1]);
  if (data.units.length === 0)
    throw new AppError(
      'VALIDATION_FAILED',
      { path: 'body.parentId' },
      {
        zh: '该上级网格下没有可制图的网格（body.parentId）',
        en: 'No grids of this level under the parent (body.parentId)',
      },
    );
  const name = nameOf(request.indicator);
  const layouts = await db.transaction(
    async (tx) => {
      const parent = await parentName(tx, request.parentId);
      // Every page's frame holds a unit and its neighbours: read them all once, finely enough for the smallest.
      const geo = await Geometry.of(tx, request.parentId, 1);
      const ids = data.units.map((u) => u.grid.id);
      const all = await geo.grids('g.id = ANY($1::bigint[])', ids);
      const below = await geo.grids('g.parent_id = ANY($1::bigint[])', ids);
      const pages: PosterLayout[] = [];
      for (const [i, unit] of data.units.entries()) {
        const v = unit.values[request.indicator];
        pages.push(
          await mapPage(geo, {
            page: { size: request.size, orientation: request.orientation },
            title: `${unit.grid.name} ${name}`,
            subtitle: `${request.title ?? `${parent.name}${periodText(data.period)}考核图集`} · ${unit.grid.code} · 第 ${i + 1} / ${data.units.length} 页`,
            date: chinaDate(),
            source: request.source ?? `农安一张图 监管考核指标（${parent.name}）`,
            frameOn: unit.grid.id,
            table: indicatorsTable(
              `${unit.grid.name} 各项指标（${data.period.from} 至 ${data.period.to}）`,
              INDICATORS.map((id) => unit.values[id]).filter(Boolean),
            ),
            legendTitle: '图例',
            content: async ({ clipped }) => {
              const shown = clipped(all);
              const children = clipped(below.filter((c) => c.parentId === unit.grid.id));
              const focus = shown.find((g) => g.id === unit.grid.id);
              const features: MapFeature[] = shown
                .filter((g) => g.id !== unit.grid.id)
                .map((g) => ({ rings: g.rings, fill: '#eeeee8', stroke: '#b8c0c8', width: 0.35 }));
              if (focus)
                features.push({ rings: focus.rings, fill: colorOf(classOf(v)), stroke: INK, width: 0.9 });
              for (const c of children)
                features.push({ rings: c.rings, stroke: '#ffffff', width: 0.3, dash: [1.2, 0.8] });
              const labels: MapLabel[] = shown
                .filter((g) => g.id !== unit.grid.id)
                .map((g) => ({ at: g.label, text: g.name }));
              if (focus)
                labels.push({ at: focus.label, text: focus.name, sub: labelOf(focus.name, v) as string });
              const cls = classOf(v);
              return {
                features,
                labels,
                legend: [
                  { kind: 'line', color: INK, label: `${unit.grid.name}界` },
                  { kind: 'fill', color: colorOf(cls), label: `${name}：${labelOf('', v)}` },
                  { kind: 'fill', color: '#eeeee8', label: `相邻${LEVEL_ZH[request.level]}网格` },
                  ...(children.length
                    ? [{ kind: 'line' as const, color: '#9aa5b1', dash: true, label: '下级网格界' }]
                    : []),
                ],
              };
            },
          }),
        );
      }
      return pages;
    },
    { readOnly: true },
  );
  return {
    bytes: await pagesPdf(layouts, request.title ?? `${name}图集`),
    type: 'application/pdf',
    file: `atlas-${request.indicator}-${request.level}-${request.from}-${request.to}.pdf`,
  };
}

const SOIL = {
  priority_protection: { color: '#2e9d5b', zh: '优先保护类' },
  safe_utilisation: { color: '#e8a317', zh: '安全利用类' },
  strict_control: { color: '#d0342c', zh: '严格管控类' },
  no_data: { color: '#9aa5b1', zh: '无数据' },
} as Record<string, { color: string; zh: string }>;

const HOT: Record<string, { color: string; zh: string }> = {
  hot_99: { color: '#b2182b', zh: '热点（99% 置信）' },
  hot_95: { color: '#ef8a62', zh: '热点（95% 置信）' },
  hot_90: { color: '#fddbc7', zh: '热点（90% 置信）' },
  cold_99: { color: '#2166ac', zh: '冷点（99% 置信）' },
  cold_95: { color: '#67a9cf', zh: '冷点（95% 置信）' },
  cold_90: { color: '#d1e5f0', zh: '冷点（90% 置信）' },
  not_significant: { color: '#f0f0f0', zh: '不显著' },
  none: { color: '#d0d0d0', zh: '无样品或未计算' },
};

/** The county's annual report pack: overview, one map per indicator, residue hotspots, soil zones, patrols. */
export async function printAnnualReport(db: Db, request: PrintReportRequest): Promise<PrintFile> {
  const from = `${request.year}-01-01`;
  const to = `${request.year}-12-31`;
  const county = await db.transaction((tx) => parentName(tx, request.countyId), { readOnly: true });
  if (county.level !== 'county')
    throw new AppError(
      'VALIDATION_FAILED',
      { path: 'body.countyId' },
      {
        zh: '年度报告按县级网格制作（body.countyId）',
        en: 'The annual report is made for a county grid (body.countyId)',
      },
    );
  const query = (level: 'township' | 'village') =>
    ({ level, parentId: request.countyId, from, to }) as Parameters<typeof indicators>[1];
  const townships = await indicators(db, query('township'));
  const villages = await indicators(db, query('village'));
  let hotspots: Awaited<ReturnType<typeof areaHotspots>> | null = null;
  let hotspotProblem: string | null = null;
  try {
    hotspots = await areaHotspots(
      db,
      AreaHotspotsRequest.parse({
        filter: { from, to, gridId: request.countyId },
        units: { kind: 'grid', level: 'village' },
      }),
    );
    if (!hotspots.features.some((f) => f.properties.samples > 0))
      hotspotProblem = `${request.year}年无检测样品，无法进行热点分析`;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    hotspotProblem = `无法进行热点分析：${error.messages?.zh ?? error.message}`;
  }
  const page = { size: request.size, orientation: 'landscape' as const };
  const date = chinaDate();
  const title = request.title ?? `${county.name}${request.year}年度农产品质量安全监管报告`;
  const source = `农安一张图（${county.name}）`;
  const base = { page, date, source, frameOn: request.countyId };
  const layouts = await db.transaction(
    async (tx) => {
      const geo = await Geometry.of(tx, request.countyId);
      const TOWNS = "g.parent_id = $1 AND g.level = 'township'";
      const VILLAGES =
        "g.level = 'village' AND g.parent_id IN (SELECT id FROM grid_unit WHERE parent_id = $1)";
      const pages: PosterLayout[] = [];
      // 1. The county map and its summary.
      pages.push(
        await mapPage(geo, {
          ...base,
          title,
          subtitle: `一、县域概况 · ${townships.units.length} 个乡镇级网格、${villages.units.length} 个村级网格`,
          table: townships.parent
            ? indicatorsTable(
                `${county.name}${request.year}年度各项指标`,
                INDICATORS.map((id) => townships.parent!.values[id]).filter(Boolean),
              )
            : null,
          legendTitle: '图例',
          content: async ({ clipped }) => {
            const towns = clipped(await geo.grids(TOWNS, request.countyId));
            const vills = clipped(await geo.grids(VILLAGES, request.countyId));
            const [outline] = clipped([await geo.grid(request.countyId)]);
            const features: MapFeature[] = towns.map((t, i) => ({
              rings: t.rings,
              fill: POSTER_FILLS[i % POSTER_FILLS.length],
              stroke: '#ffffff',
              width: 0.6,
            }));
            for (const v of vills) features.push({ rings: v.rings, stroke: '#8795a3', width: 0.15 });
            if (outline) features.push({ rings: outline.rings, stroke: INK, width: 0.9 });
            return {
              features,
              labels: towns.map((t) => ({ at: t.label, text: t.name })),
              legend: [
                { kind: 'line', color: INK, label: `${county.name}界` },
                { kind: 'fill', color: POSTER_FILLS[0] as string, stroke: '#ffffff', label: '乡镇级网格' },
                { kind: 'line', color: '#8795a3', label: '村级网格界' },
              ],
            };
          },
        }),
      );
      // 2. One map per indicator over the townships.
      for (const [i, id] of INDICATORS.entries()) {
        if (!townships.units[0]?.values[id]) continue;
        const sorted = [...townships.units].sort(byValue(id));
        pages.push(
          await mapPage(geo, {
            ...base,
            title: `${county.name}${request.year}年度${nameOf(id)}`,
            subtitle: `二、各乡镇考核指标（${i + 1}/${INDICATORS.length}）· 按与目标的差距分级`,
            table: unitsTable(
              `各乡镇${nameOf(id)}`,
              sorted.map((u) => ({ name: u.grid.name, value: u.values[id] })),
              townships.parent ? { name: `${county.name}合计`, value: townships.parent.values[id] } : null,
            ),
            legendTitle: `图例 · ${nameOf(id)}`,
            content: choropleth(townships, id, request.countyId, county.name, {
              labels: true,
              subjects: false,
            }),
          }),
        );
      }
      // 3. Residue hotspots (Gi* over village failure counts).
      const hotByGrid = new Map(
        (hotspots?.features ?? []).map((f) => [f.properties.gridId, f.properties] as const),
      );
      const significant = (hotspots?.features ?? [])
        .filter((f) => f.properties.class && f.properties.class !== 'not_significant')
        .sort((a, b) => (b.properties.z ?? 0) - (a.properties.z ?? 0));
      pages.push(
        await mapPage(geo, {
          ...base,
          title: `${county.name}${request.year}年度农药残留不合格热点分布图`,
          subtitle: '三、残留热点分析 · Getis-Ord Gi*（村级网格样品计数，queen 邻接，FDR 校正）',
          table: {
            title: '显著热点与冷点村',
            columns: [
              { header: '村', weight: 1.6 },
              { header: '类别', weight: 1.6 },
              { header: '样品', weight: 0.8 },
              { header: '不合格', weight: 0.8 },
              { header: '不合格率', weight: 1 },
            ],
            rows: significant.map((f) => ({
              cells: [
                f.properties.name ?? f.id,
                HOT[f.properties.class ?? 'none']?.zh ?? String(f.properties.class),
                String(f.properties.samples),
                String(f.properties.failures),
                f.properties.samples > 0
                  ? `${((f.properties.failures / f.properties.samples) * 100).toFixed(1)} %`
                  : '—',
              ],
              swatch: HOT[f.properties.class ?? 'none']?.color ?? '#d0d0d0',
            })),
            notes: [
              hotspotProblem ??
                (significant.length === 0 ? '本年度无显著热点或冷点。' : '按 z 值由高到低排列。'),
            ],
          },
          legendTitle: '图例 · 热点类别',
          content: async ({ clipped }) => {
            const vills = clipped(await geo.grids(VILLAGES, request.countyId));
            const [outline] = clipped([await geo.grid(request.countyId)]);
            const used = new Set<string>();
            const features: MapFeature[] = vills.map((v) => {
              const cls = hotByGrid.get(v.id)?.class ?? 'none';
              used.add(cls);
              return { rings: v.rings, fill: HOT[cls]?.color ?? '#d0d0d0', stroke: '#ffffff', width: 0.2 };
            });
            if (outline) features.push({ rings: outline.rings, stroke: INK, width: 0.9 });
            return {
              features,
              labels: significant
                .filter((f) => f.properties.class?.startsWith('hot'))
                .flatMap((f) => {
                  const v = vills.find((g) => g.id === f.properties.gridId);
                  return v ? [{ at: v.label, text: v.name }] : [];
                }),
              legend: [
                { kind: 'line', color: INK, label: `${county.name}界` },
                ...Object.entries(HOT)
                  .filter(([k]) => used.has(k))
                  .map(([, h]) => ({ kind: 'fill' as const, color: h.color, label: h.zh })),
              ],
              ...(hotspotProblem ? { message: hotspotProblem } : {}),
            };
          },
        }),
      );
      // 4. Soil zones of the latest run over the county (or any grid in it).
      const run = await latestSoilRun(tx, request.countyId);
      const zoneRows = run ? await projectedZones(tx, run.id, geo.proj, geo.tolerance) : [];
      const areaByClass = new Map<string, { zones: number; m2: number }>();
      for (const z of zoneRows) {
        const a = areaByClass.get(z.cls) ?? { zones: 0, m2: 0 };
        areaByClass.set(z.cls, { zones: a.zones + 1, m2: a.m2 + z.areaM2 });
      }
      const totalM2 = [...areaByClass.values()].reduce((s, a) => s + a.m2, 0);
      pages.push(
        await mapPage(geo, {
          ...base,
          title: `${county.name}耕地土壤环境质量类别分区图`,
          subtitle: run
            ? `四、土壤污染分区 · 最近一次运行“${run.name}”（${run.metal.toUpperCase()}，${run.area}，${run.createdAt}）`
            : '四、土壤污染分区 · 尚无分区运行（no run yet）',
          table: {
            title: '各类别面积',
            columns: [
              { header: '类别', weight: 1.6 },
              { header: '图斑', weight: 0.8 },
              { header: '面积（亩）', weight: 1.2 },
              { header: '占比', weight: 0.9 },
            ],
            rows: [...areaByClass.entries()].map(([cls, a]) => ({
              cells: [
                SOIL[cls]?.zh ?? cls,
                String(a.zones),
                (a.m2 / (10_000 / 15)).toFixed(0),
                totalM2 > 0 ? `${((a.m2 / totalM2) * 100).toFixed(1)} %` : '—',
              ],
              swatch: SOIL[cls]?.color ?? '#9aa5b1',
            })),
            notes: [
              run
                ? 'GB 15618—2018 农用地土壤污染风险管控标准；1 亩 = 666.7 平方米。'
                : '尚无土壤污染分区运行，请先在“土壤分区”中运行。',
            ],
          },
          legendTitle: '图例 · 土壤环境质量类别',
          content: async ({ clipped, clip }) => {
            const zones = zoneRows.map((z) => ({ ...z, rings: clipRings(z.rings, clip) }));
            const towns = clipped(await geo.grids(TOWNS, request.countyId));
            const [outline] = clipped([await geo.grid(request.countyId)]);
            const features: MapFeature[] = zones.map((z) => ({
              rings: z.rings,
              fill: SOIL[z.cls]?.color ?? '#9aa5b1',
            }));
            for (const t of towns)
              features.push({ rings: t.rings, stroke: run ? '#ffffff' : '#9aa5b1', width: 0.35 });
            if (outline) features.push({ rings: outline.rings, stroke: INK, width: 0.9 });
            const used = new Set(zones.map((z) => z.cls));
            return {
              features,
              labels: towns.map((t) => ({ at: t.label, text: t.name })),
              legend: [
                { kind: 'line', color: INK, label: `${county.name}界` },
                { kind: 'line', color: '#9aa5b1', label: '乡镇级网格界' },
                ...Object.entries(SOIL)
                  .filter(([k]) => used.has(k))
                  .map(([, s]) => ({ kind: 'fill' as const, color: s.color, label: s.zh })),
              ],
              ...(run ? {} : { message: '尚无土壤污染分区运行（no run yet）' }),
            };
          },
        }),
      );
      // 5. Patrol coverage per village, with the townships' table.
      const patrol = 'patrol_coverage' as IndicatorId;
      if (villages.units[0]?.values[patrol])
        pages.push(
          await mapPage(geo, {
            ...base,
            title: `${county.name}${request.year}年度巡查覆盖图`,
            subtitle: '五、巡查覆盖 · 各村巡查覆盖率（按与目标的差距分级）',
            table: unitsTable(
              '各乡镇巡查覆盖率',
              [...townships.units]
                .sort(byValue(patrol))
                .map((u) => ({ name: u.grid.name, value: u.values[patrol] })),
              townships.parent
                ? { name: `${county.name}合计`, value: townships.parent.values[patrol] }
                : null,
            ),
            legendTitle: `图例 · ${nameOf(patrol)}（村级）`,
            content: choropleth(villages, patrol, request.countyId, county.name, {
              labels: false,
              subjects: false,
            }),
          }),
        );
      // Appendix: every village indicator below target, over as many pages as it takes (at most MAX_APPENDIX_PAGES).
      const below = villages.units.flatMap((u) =>
        INDICATORS.filter((id) => u.values[id]?.met === false).map((id) => {
          const v = u.values[id];
          return {
            cells: [
              u.grid.name,
              nameOf(id),
              `${formatValue(id, v.value as number)}${v.smallSample ? '*' : ''}`,
              `${v.numerator} / ${v.denominator}`,
              formatValue(id, v.target),
            ],
            swatch: colorOf(classOf(v)),
          };
        }),
      );
      const frameOf = { page, date, source, words: WORDS };
      const appendixTitle = `${county.name}${request.year}年度各村考核指标（低于目标者）`;
      const perPage = Math.max(
        1,
        tableCapacity(pageFrame({ ...frameOf, title: appendixTitle, subtitle: '附表' }).body.h, 2),
      );
      const chunks = Math.min(MAX_APPENDIX_PAGES, Math.max(1, Math.ceil(below.length / perPage)));
      for (let k = 0; k < chunks; k++)
        pages.push(
          layoutTablePage({
            ...frameOf,
            title: appendixTitle,
            subtitle: `附表 · 各村未达目标的指标（${k + 1}/${chunks}）`,
            table: {
              title: below.length ? '未达目标的村级指标' : '未达目标的村级指标：无',
              columns: [
                { header: '村', weight: 1.4 },
                { header: '指标', weight: 1.6 },
                { header: '数值', weight: 1 },
                { header: '计数', weight: 1 },
                { header: '目标', weight: 0.8 },
              ],
              // The last page keeps whatever is left beyond the page limit, named in a note.
              rows: k === chunks - 1 ? below.slice(k * perPage) : below.slice(k * perPage, (k + 1) * perPage),
              notes: [SMALL_SAMPLE_NOTE],
            },
          }),
        );
      return pages;
    },
    { readOnly: true },
  );
  return {
    bytes: await pagesPdf(layouts, title),
    type: 'application/pdf',
    file: `annual-report-${request.year}.pdf`,
  };
}
