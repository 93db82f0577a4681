/**
 * The grid management map poster (网格化管理图) as drawing primitives in millimetres, independent of the output:
 * the same layout is written to PDF (pdf-lib) and to SVG → PNG (resvg). Pure: the date, data and page are inputs.
 *
 * Glossary: frame = the map's rectangle on the page; the map uses a local equirectangular projection (longitude
 * scaled by cos of the mid latitude), which at county scale is within 0.1 % of true distances, good enough for a
 * wall poster's scale bar.
 */

export type Primitive =
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: string;
      stroke?: string;
      width?: number;
    }
  | {
      kind: 'path';
      rings: [number, number][][];
      fill?: string;
      stroke?: string;
      width?: number;
      dash?: number[];
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      bold?: boolean;
      color?: string;
      anchor?: 'start' | 'middle' | 'end';
      halo?: boolean;
    };

export interface PosterGrid {
  name: string;
  code: string;
  /** Exterior and interior rings in longitude/latitude. */
  polygons: [number, number][][][];
  label: [number, number];
  staffed: boolean;
}

export interface PosterPerson {
  grid: string;
  role: string;
  name: string;
  post: string;
  phone: string;
}

export interface PosterInput {
  page: { size: 'A3' | 'A4'; orientation: 'landscape' | 'portrait' };
  title: string;
  subtitle: string;
  date: string;
  source: string;
  /** The area the poster is about (county or township) and its child grids. */
  area: PosterGrid;
  grids: PosterGrid[];
  roster: PosterPerson[];
  labels: {
    legendTitle: string;
    boundary: string;
    grid: string;
    unstaffed: string;
    north: string;
    rosterTitle: string;
    columns: string[];
    date: string;
    source: string;
  };
}

export interface PosterLayout {
  width: number;
  height: number;
  primitives: Primitive[];
}

const SIZES = { A4: [297, 210], A3: [420, 297] } as const;
/** Fills of the child grids: soft, distinguishable, printable in colour and readable in grey. */
export const POSTER_FILLS = [
  '#cfe3c1',
  '#f6dcb0',
  '#c9dced',
  '#efc8c8',
  '#dcd0ea',
  '#f3eeb1',
  '#c4e4df',
  '#e8d3bd',
];
const INK = '#1f2d3a';
const UNSTAFFED = '#c0392b';

/** Display width of a text in em (CJK full width, others about half). */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 1 : 0.56;
  return em;
}

/** A round scale-bar length (m) no longer than `maxM`. */
export function niceLength(maxM: number): number {
  const exp = 10 ** Math.floor(Math.log10(maxM));
  for (const step of [5, 2, 1]) if (step * exp <= maxM) return step * exp;
  return exp;
}

interface Projection {
  project(p: [number, number]): [number, number];
  mmPerMetre: number;
}

function fitProjection(area: PosterGrid, frame: { x: number; y: number; w: number; h: number }): Projection {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of area.polygons)
    for (const [lon, lat] of polygon[0] ?? []) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const spanX = Math.max((e - w) * k, 1e-9);
  const spanY = Math.max(n - s, 1e-9);
  const scale = Math.min(frame.w / spanX, frame.h / spanY) * 0.94;
  const ox = frame.x + (frame.w - spanX * scale) / 2;
  const oy = frame.y + (frame.h - spanY * scale) / 2;
  const metresPerDegree = 111_320;
  return {
    project: ([lon, lat]) => [ox + (lon - w) * k * scale, oy + (n - lat) * scale],
    mmPerMetre: scale / metresPerDegree,
  };
}

function mapPrimitives(
  input: PosterInput,
  frame: { x: number; y: number; w: number; h: number },
): Primitive[] {
  const projection = fitProjection(input.area, frame);
  const out: Primitive[] = [{ kind: 'rect', ...frame, fill: '#fbfaf6', stroke: '#9aa5b1', width: 0.3 }];
  const ringsOf = (g: PosterGrid) =>
    g.polygons.flatMap((poly) => poly.map((ring) => ring.map(projection.project)));
  input.grids.forEach((grid, i) => {
    out.push({
      kind: 'path',
      rings: ringsOf(grid),
      fill: POSTER_FILLS[i % POSTER_FILLS.length],
      stroke: '#ffffff',
      width: 0.5,
    });
  });
  for (const grid of input.grids)
    if (!grid.staffed)
      out.push({ kind: 'path', rings: ringsOf(grid), stroke: UNSTAFFED, width: 0.45, dash: [1.6, 1] });
  out.push({ kind: 'path', rings: ringsOf(input.area), stroke: INK, width: 0.9 });
  const labelSize = Math.max(2.4, Math.min(4.2, frame.w / 55));
  for (const grid of input.grids) {
    const [x, y] = projection.project(grid.label);
    out.push({
      kind: 'text',
      x,
      y: y + labelSize * 0.35,
      text: grid.name,
      size: labelSize,
      bold: true,
      color: INK,
      anchor: 'middle',
      halo: true,
    });
  }
  // North arrow, top right inside the frame.
  const ax = frame.x + frame.w - 12;
  const ay = frame.y + 8;
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
    text: input.labels.north,
    size: 3.6,
    bold: true,
    color: INK,
    anchor: 'middle',
  });
  // Scale bar, bottom left inside the frame: a round length of at most a fifth of the frame.
  const metres = niceLength(frame.w / 5 / projection.mmPerMetre);
  const barMm = metres * projection.mmPerMetre;
  const bx = frame.x + 8;
  const by = frame.y + frame.h - 8;
  out.push({ kind: 'rect', x: bx, y: by - 1.4, w: barMm / 2, h: 1.4, fill: INK });
  out.push({
    kind: 'rect',
    x: bx + barMm / 2,
    y: by - 1.4,
    w: barMm / 2,
    h: 1.4,
    fill: '#ffffff',
    stroke: INK,
    width: 0.25,
  });
  out.push({ kind: 'text', x: bx, y: by - 2.6, text: '0', size: 2.6, color: INK, anchor: 'middle' });
  out.push({
    kind: 'text',
    x: bx + barMm,
    y: by - 2.6,
    text: metres >= 1000 ? `${metres / 1000} km` : `${metres} m`,
    size: 2.6,
    color: INK,
    anchor: 'middle',
  });
  return out;
}

function legendPrimitives(input: PosterInput, x: number, y: number): Primitive[] {
  const out: Primitive[] = [
    { kind: 'text', x, y, text: input.labels.legendTitle, size: 3.6, bold: true, color: INK },
  ];
  const rows: [Primitive, string][] = [
    [{ kind: 'line', x1: x, y1: 0, x2: x + 8, y2: 0, stroke: INK, width: 0.9 }, input.labels.boundary],
    [
      { kind: 'rect', x, y: 0, w: 8, h: 4, fill: POSTER_FILLS[0], stroke: '#ffffff', width: 0.4 },
      input.labels.grid,
    ],
    [{ kind: 'line', x1: x, y1: 0, x2: x + 8, y2: 0, stroke: UNSTAFFED, width: 0.6 }, input.labels.unstaffed],
  ];
  rows.forEach(([symbol, text], i) => {
    const cy = y + 6 + i * 6;
    if (symbol.kind === 'line') out.push({ ...symbol, y1: cy - 1.2, y2: cy - 1.2 });
    else if (symbol.kind === 'rect') out.push({ ...symbol, y: cy - 3.2 });
    out.push({ kind: 'text', x: x + 11, y: cy, text, size: 3, color: INK });
  });
  return out;
}

/** Column widths (relative) of the roster table: 序号, 网格, 岗位, 姓名, 职务, 联系电话. */
const COLUMN_WEIGHTS = [0.6, 1.6, 1.9, 1.1, 1.5, 1.9];

function tablePrimitives(
  input: PosterInput,
  box: { x: number; y: number; w: number; h: number },
): Primitive[] {
  const out: Primitive[] = [
    {
      kind: 'text',
      x: box.x + box.w / 2,
      y: box.y + 5,
      text: input.labels.rosterTitle,
      size: 4.4,
      bold: true,
      color: INK,
      anchor: 'middle',
    },
  ];
  const top = box.y + 9;
  const rows = input.roster.length + 1;
  const columnsPerBlock = rows * 4.2 > box.h - 9 ? 2 : 1;
  const perBlock = Math.ceil(input.roster.length / columnsPerBlock);
  const rowH = Math.max(2.6, Math.min(6.5, (box.h - 9) / (perBlock + 1)));
  const size = rowH * 0.52;
  const blockW = (box.w - (columnsPerBlock - 1) * 4) / columnsPerBlock;
  const total = COLUMN_WEIGHTS.reduce((a, b) => a + b, 0);
  for (let block = 0; block < columnsPerBlock; block++) {
    const bx = box.x + block * (blockW + 4);
    const widths = COLUMN_WEIGHTS.map((wt) => (wt / total) * blockW);
    const people = input.roster.slice(block * perBlock, (block + 1) * perBlock);
    out.push({ kind: 'rect', x: bx, y: top, w: blockW, h: rowH, fill: '#e6edf3' });
    const cells = (values: string[], y: number, bold: boolean) => {
      let cx = bx;
      values.forEach((value, i) => {
        const width = widths[i] ?? 10;
        const fit = Math.min(size, (width - 1.2) / Math.max(textEm(value), 0.01));
        out.push({
          kind: 'text',
          x: cx + width / 2,
          y: y + rowH * 0.68,
          text: value,
          size: Math.max(1.6, fit),
          bold,
          color: INK,
          anchor: 'middle',
        });
        cx += width;
      });
    };
    cells(input.labels.columns, top, true);
    people.forEach((person, i) => {
      const y = top + (i + 1) * rowH;
      cells(
        [String(block * perBlock + i + 1), person.grid, person.role, person.name, person.post, person.phone],
        y,
        false,
      );
    });
    const height = (people.length + 1) * rowH;
    out.push({ kind: 'rect', x: bx, y: top, w: blockW, h: height, stroke: INK, width: 0.35 });
    for (let r = 1; r <= people.length; r++)
      out.push({
        kind: 'line',
        x1: bx,
        y1: top + r * rowH,
        x2: bx + blockW,
        y2: top + r * rowH,
        stroke: '#9aa5b1',
        width: 0.2,
      });
    let cx = bx;
    for (const width of widths.slice(0, -1)) {
      cx += width;
      out.push({ kind: 'line', x1: cx, y1: top, x2: cx, y2: top + height, stroke: '#9aa5b1', width: 0.2 });
    }
  }
  return out;
}

export function layoutPoster(input: PosterInput): PosterLayout {
  const [long, short] = SIZES[input.page.size];
  const landscape = input.page.orientation === 'landscape';
  const width = landscape ? long : short;
  const height = landscape ? short : long;
  const margin = input.page.size === 'A3' ? 14 : 10;
  const titleSize = input.page.size === 'A3' ? 11 : 8;
  const primitives: Primitive[] = [
    { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff' },
    {
      kind: 'rect',
      x: margin / 2,
      y: margin / 2,
      w: width - margin,
      h: height - margin,
      stroke: INK,
      width: 0.8,
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
    {
      kind: 'text',
      x: width / 2,
      y: margin + titleSize + titleSize * 0.75,
      text: input.subtitle,
      size: titleSize * 0.42,
      color: '#44525f',
      anchor: 'middle',
    },
  ];
  const top = margin + titleSize * 2.1;
  const footer = 7;
  const bodyH = height - top - margin - footer;
  const bodyW = width - 2 * margin;
  const gutter = 6;
  let frame: { x: number; y: number; w: number; h: number };
  let table: { x: number; y: number; w: number; h: number };
  if (landscape) {
    frame = { x: margin, y: top, w: bodyW * 0.6, h: bodyH };
    table = { x: margin + frame.w + gutter, y: top, w: bodyW - frame.w - gutter, h: bodyH - 32 };
  } else {
    frame = { x: margin, y: top, w: bodyW, h: bodyH * 0.58 };
    table = { x: margin, y: top + frame.h + gutter, w: bodyW * 0.72, h: bodyH - frame.h - gutter };
  }
  primitives.push(...mapPrimitives(input, frame));
  primitives.push(...tablePrimitives(input, table));
  const legendAt = landscape
    ? { x: table.x, y: top + bodyH - 24 }
    : { x: margin + bodyW * 0.76, y: table.y + 5 };
  primitives.push(...legendPrimitives(input, legendAt.x, legendAt.y));
  primitives.push({
    kind: 'text',
    x: margin,
    y: height - margin + 1,
    text: `${input.labels.source}${input.source}`,
    size: 2.8,
    color: '#44525f',
  });
  primitives.push({
    kind: 'text',
    x: width - margin,
    y: height - margin + 1,
    text: `${input.labels.date}${input.date}`,
    size: 2.8,
    color: '#44525f',
    anchor: 'end',
  });
  return { width, height, primitives };
}
