/**
 * Print-ready maps (issue 8 items 4–5): request schemas of the print endpoints under /api/print. Everything is
 * drawn on the server from PostGIS (grids projected to the CGCS2000 3° Gauss-Krüger zone of the area), never a
 * screenshot of the browser, and returned as PDF (Chinese as real, embedded text) or PNG.
 *
 * Limits (bounded input): an atlas has at most MAX_ATLAS_PAGES pages; a PNG at most MAX_PNG_PIXELS pixels.
 */
import { z } from 'zod';
import { INDICATORS } from './indicators';
import { bilingual } from './messages';

export const MAX_ATLAS_PAGES = 120;
/** 40 megapixels: an A3 page at 400 dpi (6614 × 4677) fits, 600 dpi does not. */
export const MAX_PNG_PIXELS = 40_000_000;
export const PRINT_LAYERS = ['labels', 'subjects'] as const;

const page = {
  size: z.enum(['A4', 'A3']).default('A3'),
  orientation: z.enum(['landscape', 'portrait']).default('landscape'),
};
const texts = {
  title: z.string().trim().min(1).max(60).optional(),
  subtitle: z.string().trim().max(120).optional(),
  source: z.string().trim().max(80).optional(),
};
const view = {
  level: z.enum(['township', 'village']),
  parentId: z.number().int().positive(),
  indicator: z.enum(INDICATORS),
  from: z.iso.date(),
  to: z.iso.date(),
};
const inOrder = (q: { from: string; to: string }) => q.from <= q.to;
const orderMessage = () => ({
  ...bilingual('结束日期不能早于开始日期', 'to must not be before from'),
  path: ['to'],
});

/** POST /api/print/map — the dashboard's current view as one PDF page or a PNG. */
export const PrintMapRequest = z
  .object({
    ...page,
    ...texts,
    ...view,
    format: z.enum(['pdf', 'png']).default('pdf'),
    dpi: z.number().int().min(72).max(600).default(200),
    /** Layers drawn over the choropleth besides the grids (their legend entries follow). */
    layers: z.array(z.enum(PRINT_LAYERS)).max(PRINT_LAYERS.length).default(['labels']),
  })
  .strict()
  .refine(inOrder, orderMessage());
export type PrintMapRequest = z.infer<typeof PrintMapRequest>;

/** POST /api/print/atlas — one PDF page per grid of the level under the parent, framed on that grid. */
export const PrintAtlasRequest = z
  .object({ ...page, ...texts, ...view })
  .strict()
  .refine(inOrder, orderMessage());
export type PrintAtlasRequest = z.infer<typeof PrintAtlasRequest>;

/** POST /api/print/annual-report — the county's annual report pack (Chinese) for a year. */
export const PrintReportRequest = z
  .object({
    countyId: z.number().int().positive(),
    year: z.number().int().min(2000).max(2100),
    size: z.enum(['A4', 'A3']).default('A4'),
    title: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type PrintReportRequest = z.infer<typeof PrintReportRequest>;

/** POST /api/print/indicators.xlsx — the indicator table of the view, one row per grid and indicator. */
export const PrintTableRequest = z
  .object({ level: view.level, parentId: view.parentId, from: view.from, to: view.to })
  .strict()
  .refine(inOrder, orderMessage());
export type PrintTableRequest = z.infer<typeof PrintTableRequest>;
