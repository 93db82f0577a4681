/**
 * OGC API – Features, Part 1 (Core) with GeoJSON, at /ogc: landing page, conformance, collections, items (limit,
 * offset, bbox, datetime, property filters; next/prev links) and single items — enough for QGIS and GDAL
 * (`ogrinfo OAPIF:http://host:8080/ogc`) to list and read every layer. Coordinates are CRS84 (WGS 84 lon/lat).
 * Besides, /collections/{id}/export downloads a whole collection (with the same filters) as GeoJSON, a zipped
 * Shapefile or a GeoPackage (ogc-export.ts).
 */
import { type Request, Router } from 'express';
import type { Db } from '../../db/engine';
import {
  parseBbox,
  parseDatetime,
  parseFilterValue,
  parseLimit,
  parseOffset,
  type Parsed,
} from '../../domain/ogc/params';
import { AppError } from '../../http/app-error';
import { OGC_COLLECTION_BY_ID, OGC_COLLECTIONS, type OgcCollection } from './collections';
import { EXPORT_FORMATS, type ExportFormat, sendExport } from './ogc-export';
import { collectionExtent, type ItemsFilter, queryItem, queryItems } from './ogc.repository';

const GEOJSON = 'application/geo+json';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];
const STANDARD_PARAMS = new Set(['limit', 'offset', 'bbox', 'bbox-crs', 'datetime', 'f', 'lang']);

function refuse(parsed: Parsed<unknown> & { ok: false }): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    [{ path: `query.${parsed.parameter}`, message: parsed.message.en }],
    parsed.message,
  );
}

function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw refuse(parsed);
  return parsed.value;
}

const single = (req: Request, name: string) => {
  const v = req.query[name];
  if (Array.isArray(v))
    throw new AppError('VALIDATION_FAILED', [{ path: `query.${name}`, message: 'given more than once' }]);
  return typeof v === 'string' ? v : undefined;
};

function checkFormat(req: Request): void {
  const f = single(req, 'f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') {
    throw new AppError('VALIDATION_FAILED', [{ path: 'query.f', message: 'only f=json is offered' }], {
      zh: '只提供 JSON 格式（f=json）',
      en: 'Only JSON is offered (f=json)',
    });
  }
}

function collectionOf(id: string): OgcCollection {
  const collection = OGC_COLLECTION_BY_ID.get(id);
  if (!collection) throw new AppError('NOT_FOUND', { resource: 'collection', id });
  return collection;
}

function itemsFilter(
  req: Request,
  collection: OgcCollection,
  standard: ReadonlySet<string> = STANDARD_PARAMS,
): ItemsFilter {
  const properties: ItemsFilter['properties'] = [];
  for (const name of Object.keys(req.query)) {
    if (standard.has(name)) continue;
    const property = collection.properties[name];
    if (!property) {
      const allowed = [...standard, ...Object.keys(collection.properties)].join(', ');
      throw new AppError(
        'VALIDATION_FAILED',
        [{ path: `query.${name}`, message: `unknown parameter; allowed: ${allowed}` }],
        {
          zh: `未知的查询参数「${name}」，可用：${allowed}`,
          en: `Unknown query parameter "${name}"; allowed: ${allowed}`,
        },
      );
    }
    properties.push({ name, value: value(parseFilterValue(name, property.type, single(req, name) ?? '')) });
  }
  return {
    bbox: value(parseBbox(single(req, 'bbox'), single(req, 'bbox-crs'))),
    datetime: value(parseDatetime(single(req, 'datetime'))),
    properties,
  };
}

async function describeCollection(db: Db, base: string, collection: OgcCollection) {
  const extent = await collectionExtent(db, collection);
  const spatial =
    extent && extent.w !== null ? [[extent.w, extent.s, extent.e, extent.n]] : [[-180, -90, 180, 90]];
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    itemType: 'feature',
    crs: [CRS84],
    extent: {
      spatial: { bbox: spatial, crs: CRS84 },
      ...(collection.datetime ? { temporal: { interval: [[extent?.t0 ?? null, extent?.t1 ?? null]] } } : {}),
    },
    links: [
      {
        rel: 'self',
        type: 'application/json',
        title: collection.title,
        href: `${base}/collections/${collection.id}`,
      },
      {
        rel: 'items',
        type: GEOJSON,
        title: collection.title,
        href: `${base}/collections/${collection.id}/items`,
      },
      ...EXPORT_LINKS.map(([f, type, what]) => ({
        rel: 'enclosure',
        type,
        title: `${collection.title}: ${what}`,
        href: `${base}/collections/${collection.id}/export?f=${f}`,
      })),
    ],
  };
}

const EXPORT_LINKS = [
  ['geojson', GEOJSON, 'GeoJSON download'],
  ['shp', 'application/zip', 'zipped Shapefile download'],
  ['gpkg', 'application/geopackage+sqlite3', 'GeoPackage download'],
] as const;

/** The query string of a page link: the request's own parameters with another offset. */
function pageHref(base: string, id: string, req: Request, offset: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query))
    if (typeof v === 'string' && k !== 'offset') params.set(k, v);
  params.set('offset', String(offset));
  return `${base}/collections/${id}/items?${params.toString()}`;
}

/** The parameters of an export: the filters of items, without paging. */
const EXPORT_PARAMS = new Set(['bbox', 'bbox-crs', 'datetime', 'f', 'lang']);

function exportFormat(req: Request): ExportFormat {
  const f = single(req, 'f') ?? 'geojson';
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) {
    throw new AppError(
      'VALIDATION_FAILED',
      [{ path: 'query.f', message: `unknown export format; one of ${EXPORT_FORMATS.join(', ')}` }],
      {
        zh: `不支持的导出格式「${f}」：可用 geojson、shp（压缩的 Shapefile）、gpkg（GeoPackage）`,
        en: `Unknown export format "${f}": use geojson, shp (zipped Shapefile) or gpkg (GeoPackage)`,
      },
    );
  }
  return f as ExportFormat;
}

export interface OgcOptions {
  /** An export holding more features than this is refused (413 EXPORT_TOO_LARGE). */
  exportMaxFeatures: number;
}

export function ogcRoutes(
  db: Db,
  publicUrl: string | undefined,
  options: OgcOptions = { exportMaxFeatures: 100_000 },
): Router {
  const router = Router();
  const baseOf = (req: Request) =>
    `${(publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '')}/ogc`;

  router.get(['/', ''], (req, res) => {
    checkFormat(req);
    const base = baseOf(req);
    res.json({
      title: '农安一张图 OGC API – Features',
      description:
        'Supervision grids, production subjects, samples, soil samples, soil zones and patrols of the agricultural product quality-safety portal; every collection also downloads as GeoJSON, zipped Shapefile or GeoPackage (/collections/{id}/export?f=geojson|shp|gpkg)',
      links: [
        { rel: 'self', type: 'application/json', title: 'This document', href: base },
        {
          rel: 'conformance',
          type: 'application/json',
          title: 'Conformance classes',
          href: `${base}/conformance`,
        },
        { rel: 'data', type: 'application/json', title: 'Collections', href: `${base}/collections` },
      ],
    });
  });

  router.get('/conformance', (req, res) => {
    checkFormat(req);
    res.json({ conformsTo: CONFORMANCE });
  });

  router.get('/collections', async (req, res) => {
    checkFormat(req);
    const base = baseOf(req);
    const collections = await Promise.all(OGC_COLLECTIONS.map((c) => describeCollection(db, base, c)));
    res.json({
      links: [{ rel: 'self', type: 'application/json', href: `${base}/collections` }],
      collections,
    });
  });

  router.get('/collections/:id', async (req, res) => {
    checkFormat(req);
    res.json(await describeCollection(db, baseOf(req), collectionOf(String(req.params.id))));
  });

  router.get('/collections/:id/items', async (req, res) => {
    checkFormat(req);
    const collection = collectionOf(String(req.params.id));
    const limit = value(parseLimit(single(req, 'limit')));
    const offset = value(parseOffset(single(req, 'offset')));
    const filter = itemsFilter(req, collection);
    const { matched, features } = await queryItems(db, collection, filter, limit, offset);
    const base = baseOf(req);
    const links = [
      { rel: 'self', type: GEOJSON, href: pageHref(base, collection.id, req, offset) },
      { rel: 'collection', type: 'application/json', href: `${base}/collections/${collection.id}` },
    ];
    if (offset + features.length < matched)
      links.push({ rel: 'next', type: GEOJSON, href: pageHref(base, collection.id, req, offset + limit) });
    if (offset > 0)
      links.push({
        rel: 'prev',
        type: GEOJSON,
        href: pageHref(base, collection.id, req, Math.max(0, offset - limit)),
      });
    res.type(GEOJSON).json({
      type: 'FeatureCollection',
      features,
      numberMatched: matched,
      numberReturned: features.length,
      timeStamp: new Date().toISOString(),
      links,
    });
  });

  // The whole collection (or what the filters select) as one file: GeoJSON, zipped Shapefile or GeoPackage.
  router.get('/collections/:id/export', async (req, res) => {
    const collection = collectionOf(String(req.params.id));
    const format = exportFormat(req);
    const filter = itemsFilter(req, collection, EXPORT_PARAMS);
    await sendExport(res, db, collection, filter, format, options.exportMaxFeatures);
  });

  router.get('/collections/:id/items/:featureId', async (req, res) => {
    checkFormat(req);
    const collection = collectionOf(String(req.params.id));
    const id = Number(req.params.featureId);
    const feature = Number.isSafeInteger(id) && id > 0 ? await queryItem(db, collection, id) : null;
    if (!feature) throw new AppError('NOT_FOUND', { resource: collection.id, id: req.params.featureId });
    const base = baseOf(req);
    res.type(GEOJSON).json({
      ...(feature as object),
      links: [
        { rel: 'self', type: GEOJSON, href: `${base}/collections/${collection.id}/items/${id}` },
        { rel: 'collection', type: 'application/json', href: `${base}/collections/${collection.id}` },
      ],
    });
  });

  return router;
}
