/**
 * Saved views and presentation decks (issue 8, item 3): a named view captures a workspace — the map or the
 * dashboard — with its visible layers, camera, period, level, indicator and selected grid. Views belong to the
 * account that saved them and are ordered in named decks that presentation mode steps through like slides.
 * Routes: GET/POST /api/views, GET/PATCH/DELETE /api/views/:id, POST /api/views/reorder.
 */
import { z } from 'zod';
import { INDICATORS } from './indicators';
import { bilingual } from './messages';

/** Layer-panel toggles of the map (client/src/map/catalog.ts TOGGLE_IDS), as ids. */
const LayerId = z
  .string()
  .refine((v) => /^[a-z][a-z0-9_-]{0,39}$/.test(v), bilingual('图层名称无效', 'Invalid layer id'));

const Period = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .strict()
  .refine((p) => p.from <= p.to, {
    path: ['to'],
    ...bilingual('结束日期不能早于开始日期', 'The end date must not be before the start date'),
  });

const GridId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const Camera = z
  .object({
    center: z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85)]),
    zoom: z.number().min(0).max(24),
    bearing: z.number().min(-360).max(360).default(0),
    /** The extent seen when the view was saved (west, south, east, north): a slide frames the same area on any screen. */
    bounds: z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .refine(
        ([w, s, e, n]) => w < e && s < n,
        bilingual(
          '范围应为 [西, 南, 东, 北]，西小于东、南小于北',
          'bounds must be [west, south, east, north] with west < east and south < north',
        ),
      )
      .nullable()
      .default(null),
  })
  .strict();
export type Camera = z.infer<typeof Camera>;

export const VIEW_WORKSPACES = ['map', 'dashboard'] as const;
export const COMPARE_MODES = ['swipe', 'side'] as const;

/** What a view captures; validated on every write so a slide can always be shown. */
export const ViewState = z
  .object({
    workspace: z.enum(VIEW_WORKSPACES),
    /** Visible layer-panel toggles. */
    layers: z.array(LayerId).max(40),
    camera: Camera,
    period: Period,
    level: z.enum(['township', 'village']),
    /** The grid whose children are compared (the county for townships, a township for its villages). */
    parentId: GridId.nullable(),
    indicator: z.enum(INDICATORS),
    selectedGridId: GridId.nullable(),
    /** A second period: the slide opens comparing it with `period` (swipe or side by side). */
    compare: z
      .object({ period: Period, mode: z.enum(COMPARE_MODES) })
      .strict()
      .nullable()
      .default(null),
    /** A day whose patrol tracks the slide plays back. */
    patrolDay: z.iso.date().nullable().default(null),
  })
  .strict();
export type ViewState = z.infer<typeof ViewState>;
export type ViewStateInput = z.input<typeof ViewState>;

const Name = z
  .string()
  .trim()
  .refine(
    (v) => v.length >= 1 && v.length <= 80,
    bilingual('视图名称须为 1–80 个字', 'The view name must have 1–80 characters'),
  );
const Deck = z
  .string()
  .trim()
  .refine(
    (v) => v.length >= 1 && v.length <= 40,
    bilingual('演示文稿名称须为 1–40 个字', 'The deck name must have 1–40 characters'),
  );
const Version = z.number().int().positive().max(2_147_483_647);

export const ViewCreate = z
  .object({
    name: Name,
    deck: Deck,
    /** Scope grid (defaults to the account's jurisdiction, or the county for county-wide accounts). */
    gridId: GridId.optional(),
    state: ViewState,
  })
  .strict();
export type ViewCreate = z.input<typeof ViewCreate>;

export const ViewPatch = z
  .object({
    version: Version,
    name: Name.optional(),
    deck: Deck.optional(),
    gridId: GridId.optional(),
    state: ViewState.optional(),
  })
  .strict();
export type ViewPatch = z.input<typeof ViewPatch>;

/** `version` is required; it is checked after the view is found, so a view of someone else is a plain 404. */
export const ViewDeleteQuery = z
  .object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional() })
  .strict();

export const ViewListQuery = z.object({ deck: Deck.optional() }).strict();

/** The new order of a whole deck: every view of it, each with the version the client saw. */
export const ViewReorder = z
  .object({
    deck: Deck,
    views: z
      .array(z.object({ id: GridId, version: Version }).strict())
      .min(1)
      .max(1000)
      .refine((v) => new Set(v.map((x) => x.id)).size === v.length, {
        ...bilingual('同一视图不能出现两次', 'A view may appear only once'),
      }),
  })
  .strict();
export type ViewReorder = z.input<typeof ViewReorder>;

export interface SavedView {
  id: number;
  owner: string;
  gridId: number;
  deck: string;
  position: number;
  name: string;
  state: ViewState;
  version: number;
  updatedAt: string;
  updatedBy: string;
}
