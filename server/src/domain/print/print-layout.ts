/**
 * Print-ready map pages (issue 8): a map of projected features with title, subtitle, legend, scale bar, north
 * arrow, numeric scale, coordinate system, date, data source and a table, as drawing primitives in millimetres.
 * Pure: the same page is written to PDF (pdf-lib) and to PNG (resvg) by the poster renderer.
 *
 * Glossary: extent = the projected bounding box (metres, x east, y north) the map is framed on; fit = the affine
 * map from projected metres to page millimetres (one scale for both axes, so the scale bar is true in every
 * direction on a conformal projection); mm per metre = page millimetres for one projected metre.
 */
import { niceLength, type PosterLayout, type Primitive, textEm } from '../grids/poster-layout';

export type PaperSize = 'A4' | 'A3';
export type Orientation = 'landscape' | 'portrait';

/** ISO 216 sizes in millimetres (long side, short side). */
export const PAPER_MM: Record<PaperSize, readonly [number, number]> = { A4: [297, 210], A3: [420, 297] };
export const PT_PER_MM = 72 / 25.4;

export function pageSize(
  size: PaperSize,
  orientation: Orientation,
): { widthMm: number; heightMm: number; widthPt: number; heightPt: number } {
  const [long, short] = PAPER_MM[size];
  const [widthMm, heightMm] = orientation === 'landscape' ? [long, short] : [short, long];
  return { widthMm, heightMm, widthPt: widthMm * PT_PER_MM, heightPt: heightMm * PT_PER_MM };
}

/** Pixels of a page rendered at `dpi` dots per inch. */
export function pixelSize(
  size: PaperSize,
  orientation: Orientation,
  dpi: number,
): { width: number; height: number } {
  const { widthMm, heightMm } = pageSize(size, orientation);
  return { width: Math.round((widthMm / 25.4) * dpi), height: Math.round((heightMm / 25.4) * dpi) };
}

export type Extent = [minX: number, minY: number, maxX: number, maxY: number];
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Fit {
  mmPerMetre: number;
  project(p: readonly [number, number]): [number, number];
}

/** Frames a projected extent in a box, centred, using `fill` of the box's limiting side. */
export function fitExtent(extent: Extent, box: Box, fill = 0.92): Fit {
  const [x0, y0, x1, y1] = extent;
  const spanX = Math.max(x1 - x0, 1);
  const spanY = Math.max(y1 - y0, 1);
  const mmPerMetre = Math.min(box.w / spanX, box.h / spanY) * fill;
  const ox = box.x + (box.w - spanX * mmPerMetre) / 2;
  const oy = box.y + (box.h - spanY * mmPerMetre) / 2;
  return {
    mmPerMetre,
    project: ([x, y]) => [ox + (x - x0) * mmPerMetre, oy + (y1 - y) * mmPerMetre],
  };
}

/** A scale bar of a round ground length no longer than `maxMm` on the page. */
export function scaleBar(mmPerMetre: number, maxMm: number): { metres: number; mm: number; label: string } {
  const metres = niceLength(maxMm / mmPerMetre);
  return { metres, mm: metres * mmPerMetre, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** The representative fraction 1 : N (N rounded to two significant digits). */
export function scaleDenominator(mmPerMetre: number): number {
  const n = 1000 / mmPerMetre;
  const exp = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / exp) * exp;
}

export interface MapFeature {
  rings: [number, number][][];
  fill?: string;
  stroke?: string;
  width?: number;
  dash?: number[];
}
export interface MapLabel {
  at: [number, number];
  text: string;
  sub?: string;
}
export interface MapPoint {
  at: [number, number];
  color: string;
}
export interface LegendEntry {
  kind: 'fill' | 'line' | 'point';
  color: string;
  stroke?: string;
  dash?: boolean;
  label: string;
}
export interface TableColumn {
  header: string;
  weight: number;
}
export interface TableRow {
  cells: string[];
  /** A swatch drawn in the first cell (the grid's class colour). */
  swatch?: string;
  bold?: boolean;
}
export interface TableSpec {
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
  notes: string[];
}

export interface MapPageInput {
  page: { size: PaperSize; orientation: Orientation };
  title: string;
  subtitle: string;
  date: string;
  source: string;
  crs: string;
  extent: Extent;
  features: MapFeature[];
  points?: MapPoint[];
  labels: MapLabel[];
  /** Shown across the map when there is nothing to draw (e.g. "no soil zoning run yet"). */
  message?: string;
  legend: { title: string; entries: LegendEntry[] };
  table: TableSpec | null;
  /** Share of the body width (landscape) or height (portrait) given to the map; the rest is legend and table. */
  mapShare?: number;
  words: { north: string; date: string; source: string; crs: string; scale: string; more: string };
}

const INK = '#1f2d3a';
const GREY = '#44525f';
const RULE = '#9aa5b1';

/** Text size (mm) that fits `text` in `width` mm, at most `max`, at least `min`. */
const fitSize = (text: string, width: number, max: number, min = 1.5) =>
  Math.max(min, Math.min(max, width / Math.max(textEm(text), 0.01)));

function mapPrimitives(input: MapPageInput, frame: Box): Primitive[] {
  const fit = fitExtent(input.extent, frame);
  const out: Primitive[] = [{ kind: 'rect', ...frame, fill: '#fbfaf6', stroke: RULE, width: 0.3 }];
  for (const f of input.features) {
    out.push({
      kind: 'path',
      rings: f.rings.map((ring) => ring.map(fit.project)),
      ...(f.fill ? { fill: f.fill } : {}),
      ...(f.stroke ? { stroke: f.stroke, width: f.width ?? 0.3 } : {}),
      ...(f.dash ? { dash: f.dash } : {}),
    });
  }
  const dot = Math.max(0.5, Math.min(1.1, frame.w / 300));
  for (const p of input.points ?? []) {
    const [x, y] = fit.project(p.at);
    out.push({ kind: 'rect', x: x - dot / 2, y: y - dot / 2, w: dot, h: dot, fill: p.color });
  }
  const size = Math.max(2, Math.min(4, frame.w / 60));
  for (const label of input.labels) {
    const [x, y] = fit.project(label.at);
    out.push({
      kind: 'text',
      x,
      y,
      text: label.text,
      size,
      bold: true,
      color: INK,
      anchor: 'middle',
      halo: true,
    });
    if (label.sub)
      out.push({
        kind: 'text',
        x,
        y: y + size * 1.05,
        text: label.sub,
        size: size * 0.8,
        color: INK,
        anchor: 'middle',
        halo: true,
      });
  }
  if (input.message) {
    const s = fitSize(input.message, frame.w * 0.8, 6);
    out.push({
      kind: 'text',
      x: frame.x + frame.w / 2,
      y: frame.y + frame.h / 2,
      text: input.message,
      size: s,
      bold: true,
      color: GREY,
      anchor: 'middle',
      halo: true,
    });
  }
  // North arrow, top right inside the frame (grid north of the projection, which is within a degree of true north).
  const ax = frame.x + frame.w - 11;
  const ay = frame.y + 7;
  out.push({
    kind: 'path',
    rings: [
      [
        [ax, ay],
        [ax + 3.2, ay + 10],
        [ax, ay + 7.6],
        [ax - 3.2, ay + 10],
      ],
    ],
    fill: INK,
  });
  out.push({
    kind: 'text',
    x: ax,
    y: ay + 15,
    text: input.words.north,
    size: 3.4,
    bold: true,
    color: INK,
    anchor: 'middle',
  });
  // Scale bar (bottom left), four alternating segments, with the representative fraction under it.
  const bar = scaleBar(fit.mmPerMetre, frame.w / 4);
  const bx = frame.x + 7;
  const by = frame.y + frame.h - 10;
  for (let i = 0; i < 4; i++)
    out.push({
      kind: 'rect',
      x: bx + (i * bar.mm) / 4,
      y: by - 1.4,
      w: bar.mm / 4,
      h: 1.4,
      fill: i % 2 === 0 ? INK : '#ffffff',
      stroke: INK,
      width: 0.2,
    });
  out.push({
    kind: 'text',
    x: bx,
    y: by - 2.4,
    text: '0',
    size: 2.5,
    color: INK,
    anchor: 'middle',
    halo: true,
  });
  out.push({
    kind: 'text',
    x: bx + bar.mm,
    y: by - 2.4,
    text: bar.label,
    size: 2.5,
    color: INK,
    anchor: 'middle',
    halo: true,
  });
  out.push({
    kind: 'text',
    x: bx,
    y: by + 3.6,
    text: `${input.words.scale}${scaleDenominator(fit.mmPerMetre).toLocaleString('en-US')}`,
    size: 2.4,
    color: INK,
    halo: true,
  });
  out.push({
    kind: 'text',
    x: frame.x + frame.w - 3,
    y: frame.y + frame.h - 2.5,
    text: `${input.words.crs}${input.crs}`,
    size: fitSize(`${input.words.crs}${input.crs}`, frame.w * 0.5, 2.2),
    color: GREY,
    anchor: 'end',
  });
  return out;
}

/** The legend's height for its entries (mm). */
export const legendHeight = (entries: number) => 7 + entries * 5.4;

function legendPrimitives(input: MapPageInput, box: Box): Primitive[] {
  const out: Primitive[] = [
    { kind: 'text', x: box.x, y: box.y + 4, text: input.legend.title, size: 3.6, bold: true, color: INK },
  ];
  input.legend.entries.forEach((e, i) => {
    const cy = box.y + 9 + i * 5.4;
    if (e.kind === 'fill')
      out.push({
        kind: 'rect',
        x: box.x,
        y: cy - 3,
        w: 8,
        h: 3.8,
        fill: e.color,
        stroke: e.stroke ?? RULE,
        width: 0.25,
      });
    else if (e.kind === 'line')
      out.push({
        kind: 'path',
        rings: [
          [
            [box.x, cy - 1.1],
            [box.x + 8, cy - 1.1],
          ],
        ],
        stroke: e.color,
        width: 0.6,
        ...(e.dash ? { dash: [1.4, 0.9] } : {}),
      });
    else out.push({ kind: 'rect', x: box.x + 3.3, y: cy - 2, w: 1.4, h: 1.4, fill: e.color });
    out.push({
      kind: 'text',
      x: box.x + 10.5,
      y: cy,
      text: e.label,
      size: fitSize(e.label, box.w - 11, 3),
      color: INK,
    });
  });
  return out;
}

/** Rows of a table that fit a box at a readable size (the rest is named in a note). */
export function tableCapacity(height: number, notes: number): number {
  const usable = height - 8 - notes * 3.6;
  return Math.max(0, Math.floor(usable / 3.6) - 1);
}

function tablePrimitives(table: TableSpec, box: Box, more: string): Primitive[] {
  const out: Primitive[] = [
    {
      kind: 'text',
      x: box.x,
      y: box.y + 4,
      text: table.title,
      size: fitSize(table.title, box.w, 3.8),
      bold: true,
      color: INK,
    },
  ];
  const capacity = tableCapacity(box.h, table.notes.length + 1);
  const shown = table.rows.slice(0, capacity);
  const notes = [...table.notes];
  if (shown.length < table.rows.length)
    notes.push(more.replace('{n}', String(table.rows.length - shown.length)));
  const top = box.y + 7;
  const noteSpace = notes.length * 3.6 + 1;
  const rowH = Math.min(6, Math.max(3.6, (box.h - 7 - noteSpace) / (shown.length + 1)));
  const total = table.columns.reduce((a, c) => a + c.weight, 0);
  const widths = table.columns.map((c) => (c.weight / total) * box.w);
  const size = Math.min(3, rowH * 0.55);
  const cells = (values: string[], y: number, bold: boolean, swatch?: string) => {
    let cx = box.x;
    values.forEach((value, i) => {
      const width = widths[i] ?? 10;
      const pad = i === 0 && swatch ? 3.2 : 0;
      if (i === 0 && swatch)
        out.push({ kind: 'rect', x: cx + 0.8, y: y + rowH * 0.25, w: 2, h: rowH * 0.5, fill: swatch });
      out.push({
        kind: 'text',
        x: cx + pad + (width - pad) / 2,
        y: y + rowH * 0.68,
        text: value,
        size: fitSize(value, width - pad - 1, size, 1.3),
        bold,
        color: INK,
        anchor: 'middle',
      });
      cx += width;
    });
  };
  out.push({ kind: 'rect', x: box.x, y: top, w: box.w, h: rowH, fill: '#e6edf3' });
  cells(
    table.columns.map((c) => c.header),
    top,
    true,
  );
  shown.forEach((row, i) => cells(row.cells, top + (i + 1) * rowH, Boolean(row.bold), row.swatch));
  const height = (shown.length + 1) * rowH;
  out.push({ kind: 'rect', x: box.x, y: top, w: box.w, h: height, stroke: INK, width: 0.3 });
  for (let r = 1; r <= shown.length; r++)
    out.push({
      kind: 'line',
      x1: box.x,
      y1: top + r * rowH,
      x2: box.x + box.w,
      y2: top + r * rowH,
      stroke: RULE,
      width: 0.15,
    });
  let cx = box.x;
  for (const width of widths.slice(0, -1)) {
    cx += width;
    out.push({ kind: 'line', x1: cx, y1: top, x2: cx, y2: top + height, stroke: RULE, width: 0.15 });
  }
  notes.forEach((note, i) =>
    out.push({
      kind: 'text',
      x: box.x,
      y: top + height + 3.6 * (i + 1),
      text: note,
      size: fitSize(note, box.w, 2.5, 1.4),
      color: GREY,
    }),
  );
  return out;
}

/** The page frame, title block and footer; returns the body box left for the content. */
export function pageFrame(
  input: Pick<MapPageInput, 'page' | 'title' | 'subtitle' | 'date' | 'source' | 'words'>,
): { width: number; height: number; primitives: Primitive[]; body: Box } {
  const { widthMm: width, heightMm: height } = pageSize(input.page.size, input.page.orientation);
  const margin = input.page.size === 'A3' ? 13 : 10;
  const titleSize = Math.min(
    input.page.size === 'A3' ? 10 : 7.5,
    fitSize(input.title, width - 2 * margin, 10),
  );
  const primitives: Primitive[] = [
    { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff' },
    {
      kind: 'rect',
      x: margin / 2,
      y: margin / 2,
      w: width - margin,
      h: height - margin,
      stroke: INK,
      width: 0.7,
    },
    {
      kind: 'text',
      x: width / 2,
      y: margin + titleSize,
      text: input.title,
      size: titleSize,
      bold: true,
      color: INK,
      anchor: 'middle',
    },
  ];
  if (input.subtitle)
    primitives.push({
      kind: 'text',
      x: width / 2,
      y: margin + titleSize * 1.75,
      text: input.subtitle,
      size: fitSize(input.subtitle, width - 2 * margin, titleSize * 0.42),
      color: GREY,
      anchor: 'middle',
    });
  const source = `${input.words.source}${input.source}`;
  primitives.push(
    {
      kind: 'text',
      x: margin,
      y: height - margin + 1,
      text: source,
      size: fitSize(source, width * 0.6, 2.7),
      color: GREY,
    },
    {
      kind: 'text',
      x: width - margin,
      y: height - margin + 1,
      text: `${input.words.date}${input.date}`,
      size: 2.7,
      color: GREY,
      anchor: 'end',
    },
  );
  const top = margin + titleSize * 2.2;
  return {
    width,
    height,
    primitives,
    body: { x: margin, y: top, w: width - 2 * margin, h: height - top - margin - 5 },
  };
}

type Arrangeable = Pick<
  MapPageInput,
  'page' | 'title' | 'subtitle' | 'date' | 'source' | 'words' | 'mapShare'
> & {
  legendEntries: number;
  hasTable: boolean;
};

/** Where the map, legend and table go on the page. */
export function arrange(input: Arrangeable): {
  page: ReturnType<typeof pageFrame>;
  frame: Box;
  legend: Box;
  table: Box | null;
} {
  const page = pageFrame(input);
  const { body } = page;
  const landscape = input.page.orientation === 'landscape';
  const gutter = 5;
  const share = input.mapShare ?? (input.hasTable ? 0.6 : 0.78);
  const legendH = legendHeight(input.legendEntries);
  let frame: Box;
  let legend: Box;
  let table: Box | null = null;
  if (landscape) {
    frame = { x: body.x, y: body.y, w: body.w * share, h: body.h };
    const side = { x: frame.x + frame.w + gutter, w: body.w - frame.w - gutter };
    legend = { ...side, y: body.y, h: legendH };
    if (input.hasTable) table = { ...side, y: body.y + legendH + 3, h: body.h - legendH - 3 };
  } else {
    frame = { x: body.x, y: body.y, w: body.w, h: body.h * (input.hasTable ? share : 0.8) };
    const below = frame.y + frame.h + gutter;
    const rest = body.h - frame.h - gutter;
    if (input.hasTable) {
      table = { x: body.x, y: below, w: body.w * 0.7, h: rest };
      legend = { x: body.x + body.w * 0.73, y: below, w: body.w * 0.27, h: rest };
    } else legend = { x: body.x, y: below, w: body.w * 0.5, h: rest };
  }
  return { page, frame, legend, table };
}

/** The projected extent actually visible in the frame when `extent` is fitted into it (for clipping). */
export function visibleExtent(extent: Extent, frame: Box): Extent {
  const fit = fitExtent(extent, frame);
  const [x0, , , y1] = extent;
  const origin = fit.project([x0, y1]);
  const left = x0 - (origin[0] - frame.x) / fit.mmPerMetre;
  const top = y1 + (origin[1] - frame.y) / fit.mmPerMetre;
  return [left, top - frame.h / fit.mmPerMetre, left + frame.w / fit.mmPerMetre, top];
}

export function layoutMapPage(input: MapPageInput): PosterLayout {
  const { page, frame, legend, table } = arrange({
    ...input,
    legendEntries: input.legend.entries.length,
    hasTable: input.table !== null,
  });
  const { width, height, primitives } = page;
  primitives.push(...mapPrimitives(input, frame));
  primitives.push(...legendPrimitives(input, legend));
  if (input.table && table) primitives.push(...tablePrimitives(input.table, table, input.words.more));
  return { width, height, primitives };
}

/** A page holding only a table (the annual report's indicator pages). */
export function layoutTablePage(
  input: Pick<MapPageInput, 'page' | 'title' | 'subtitle' | 'date' | 'source' | 'words'> & {
    table: TableSpec;
  },
): PosterLayout {
  const { width, height, primitives, body } = pageFrame(input);
  primitives.push(...tablePrimitives(input.table, body, input.words.more));
  return { width, height, primitives };
}

/**
 * Clips rings to an extent (Sutherland–Hodgman against each side). For drawing only: a clipped polygon may run
 * along the extent's edge, which the frame's border covers. Rings left with fewer than three points are dropped.
 */
export function clipRings(rings: readonly [number, number][][], extent: Extent): [number, number][][] {
  const [x0, y0, x1, y1] = extent;
  const sides: [
    (p: [number, number]) => boolean,
    (a: [number, number], b: [number, number]) => [number, number],
  ][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  const out: [number, number][][] = [];
  for (const ring of rings) {
    let inside = true;
    for (const [x, y] of ring) if (x < x0 || x > x1 || y < y0 || y > y1) inside = false;
    if (inside) {
      out.push(ring);
      continue;
    }
    let points: [number, number][] = ring.slice();
    for (const [keep, cut] of sides) {
      const next: [number, number][] = [];
      for (let i = 0; i < points.length; i++) {
        const a = points[i] as [number, number];
        const b = points[(i + 1) % points.length] as [number, number];
        if (keep(a)) {
          next.push(a);
          if (!keep(b)) next.push(cut(a, b));
        } else if (keep(b)) next.push(cut(a, b));
      }
      points = next;
      if (points.length === 0) break;
    }
    if (points.length >= 3) out.push(points);
  }
  return out;
}

/** The bounding box of rings. */
export function extentOf(rings: readonly (readonly [number, number])[][]): Extent {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return [x0, y0, x1, y1];
}
