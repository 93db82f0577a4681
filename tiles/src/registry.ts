/**
 * The tile layers: every entry of the contract (server/contracts/layers.ts) joined with what only tiles need, from
 * tiles/layers/<id>/layer.ts, and the inner SELECT in tiles/layers/<id>/query.sql (the three grid layers share
 * tiles/layers/_shared/grids.sql).
 *
 * Glossary:
 * - spec: a layer.ts export — contract entry, source tables, simplification, limits, thinning.
 * - source: a table whose row in layer_version counts its writes; a layer's ETag and cache key follow its sources.
 * - priority: a column of the layer query; when thinning or the feature limit must drop features, the lowest
 *   (priority, id) are kept, so the features that matter most (failed samples, blacklisted subjects) survive.
 * - definition hash: a digest of the spec, the generated SQL and the encoder version, part of every ETag so that a
 *   code change invalidates tiles that clients and the cache hold.
 */
import { createHash } from 'node:crypto';
import { LAYER_IDS, type LayerContract, type LayerId } from '../../server/contracts/layers';
import { layer as gridLabels } from '../layers/grid-labels/layer';
import { layer as gridsCounty } from '../layers/grids-county/layer';
import { layer as gridsTownship } from '../layers/grids-township/layer';
import { layer as gridsVillage } from '../layers/grids-village/layer';
import { layer as patrols } from '../layers/patrols/layer';
import { layer as samples } from '../layers/samples/layer';
import { layer as soilSamples } from '../layers/soil-samples/layer';
import { layer as soilZones } from '../layers/soil-zones/layer';
import { layer as subjectBases } from '../layers/subject-bases/layer';
import { layer as subjects } from '../layers/subjects/layer';
import { ENCODER_VERSION } from './encoder';
import { type MvtPath, boundsSql, portableTileSql, postgisTileSql } from './mvt-sql';
import type { ZoomSteps } from './tile-coord';

/** What a layer.ts declares. */
export interface TileLayerSpec {
  id: LayerId;
  /** The contract entry (imported, never copied): geometry kind, zoom range, fields and their descriptions. */
  contract: LayerContract;
  /** Tables the layer reads; a write to any of them changes the layer's tiles and ETags. */
  sources: readonly string[];
  /** Douglas–Peucker tolerance in pixels (1/512 of the tile) per zoom; lines and polygons only. */
  simplifyPx: ZoomSteps;
  /** Most features in one tile, per zoom; the lowest (priority, id) are kept. */
  maxFeatures: ZoomSteps;
  /** Point layers: below `belowZoom`, keep one feature per `cellPx` × `cellPx` pixel cell, the lowest (priority, id). */
  thinning?: { belowZoom: number; cellPx: number };
  /** What the query's priority column favours, for the documentation. */
  priority: string;
  /** The inner SELECT (query.sql). */
  query: string;
}

/** A spec with its generated SQL and definition hash, ready to serve. */
export interface TileLayer extends TileLayerSpec {
  hash: string;
  /** Tile SQL by path and by whether the zoom is thinned. */
  sql: Record<MvtPath, { plain: string; thinned: string }>;
  boundsSql: string;
}

const SPECS: readonly TileLayerSpec[] = [
  gridsCounty,
  gridsTownship,
  gridsVillage,
  gridLabels,
  subjects,
  subjectBases,
  samples,
  soilSamples,
  soilZones,
  patrols,
];

function prepare(raw: TileLayerSpec): TileLayer {
  const { id, contract, sources, simplifyPx, maxFeatures, thinning, priority } = raw;
  // Only the spec's own keys go into the hash; a checkout with Windows line endings must not change it.
  const spec: TileLayerSpec = {
    id,
    contract,
    sources,
    simplifyPx,
    maxFeatures,
    thinning,
    priority,
    query: raw.query.replaceAll('\r\n', '\n').trimEnd(),
  };
  const sql = {
    postgis: { plain: postgisTileSql(spec, false), thinned: postgisTileSql(spec, true) },
    portable: { plain: portableTileSql(spec, false), thinned: portableTileSql(spec, true) },
  };
  const hash = createHash('sha256')
    .update(JSON.stringify({ ...spec, query: undefined }))
    .update(JSON.stringify(sql))
    .update(ENCODER_VERSION)
    .digest('hex')
    .slice(0, 12);
  return { ...spec, sql, hash, boundsSql: boundsSql(spec) };
}

/** Every contract layer, prepared; throws at start-up when a layer.ts is missing or disagrees with the contract. */
export function loadLayers(specs: readonly TileLayerSpec[] = SPECS): ReadonlyMap<LayerId, TileLayer> {
  const layers = new Map<LayerId, TileLayer>();
  for (const spec of specs) layers.set(spec.id, prepare(spec));
  const missing = LAYER_IDS.filter((id) => !layers.has(id));
  if (missing.length > 0) throw new Error(`No tiles/layers definition for ${missing.join(', ')}`);
  for (const layer of layers.values()) {
    if (layer.thinning && layer.contract.geometry !== 'point')
      throw new Error(`${layer.id}: only point layers can be thinned`);
    if (layer.sources.length === 0) throw new Error(`${layer.id}: a layer needs at least one source table`);
  }
  return layers;
}
