/**
 * What makes a tile fresh or stale: the source tables' change counters, the ETag built from them, and the
 * server-side cache of encoded tiles keyed by the same ETag.
 *
 * Glossary:
 * - stamp: a source table's `layer_version` row as text, "version:changed_at" (a table never written has none,
 *   which reads as "0"); changed_at keeps a rebuilt database whose counters restarted from reusing old ETags.
 * - ETag: "<definition hash>-<digest of the layer's source stamps>": it changes when any source table is written
 *   to and when the layer's definition (query, limits, encoder) changes; z/x/y need not be in it, it is per URL.
 * - cache: an LRU of encoded tiles bounded by bytes, keyed by layer, ETag and z/x/y, so a write makes every old
 *   entry of the layer unreachable (the LRU then evicts them).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export type Stamps = ReadonlyMap<string, string>;

/** One query for every table's counter: the table is a handful of rows, read by primary key order. */
export const STAMPS_SQL = `SELECT source, version::text || ':' || extract(epoch FROM changed_at)::text AS stamp FROM layer_version`;

/**
 * Reads stamps for many concurrent requests with few queries, without ever answering a request with a read that
 * began before the request arrived (that read could miss a write the client has already seen committed):
 * callers arriving while a read runs share the next read, which starts when the running one ends.
 */
export class StampReader {
  private running: Promise<Stamps> | null = null;
  private queued: Promise<Stamps> | null = null;

  constructor(private readonly read: () => Promise<Stamps>) {}

  current(): Promise<Stamps> {
    if (this.running === null) return this.start();
    if (this.queued === null) {
      const settled = this.running.then(
        () => undefined,
        () => undefined,
      );
      this.queued = settled.then(() => {
        this.queued = null;
        return this.start();
      });
    }
    return this.queued;
  }

  private start(): Promise<Stamps> {
    const read = this.read().finally(() => {
      if (this.running === read) this.running = null;
    });
    this.running = read;
    return read;
  }
}

/** The ETag of every tile of a layer, given the current stamps. */
export function layerEtag(
  definitionHash: string,
  sources: readonly string[],
  stamps: Stamps,
  scope = '',
): string {
  const digest = createHash('sha256');
  if (scope) digest.update(`scope=${scope};`);
  for (const source of sources) digest.update(`${source}=${stamps.get(source) ?? '0'};`);
  return `"${definitionHash}-${digest.digest('hex').slice(0, 16)}"`;
}

/** Whether an If-None-Match header names this ETag (RFC 9110 weak comparison: W/ prefixes are ignored). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

// An entry costs more than its bytes (key, bookkeeping); counting a fixed overhead keeps empty tiles from being free.
const ENTRY_OVERHEAD = 128;

/**
 * Encoded tiles by key, at most `maxBytes` in all (0 disables storing). Concurrent requests for the same missing
 * key share one build.
 */
export class TileCache {
  private readonly lru: LRUCache<string, Uint8Array> | null;
  private readonly building = new Map<string, Promise<Uint8Array>>();

  constructor(maxBytes: number) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, Uint8Array>({
            maxSize: maxBytes,
            sizeCalculation: (tile) => tile.byteLength + ENTRY_OVERHEAD,
          })
        : null;
  }

  static key(layerId: string, etag: string, z: number, x: number, y: number): string {
    return `${layerId}/${etag}/${z}/${x}/${y}`;
  }

  async getOrBuild(
    key: string,
    build: () => Promise<Uint8Array>,
  ): Promise<{ tile: Uint8Array; hit: boolean }> {
    const cached = this.lru?.get(key);
    if (cached !== undefined) return { tile: cached, hit: true };
    let pending = this.building.get(key);
    if (pending === undefined) {
      pending = build().finally(() => this.building.delete(key));
      this.building.set(key, pending);
      const tile = await pending;
      this.lru?.set(key, tile);
      return { tile, hit: false };
    }
    return { tile: await pending, hit: false };
  }

  /** Bytes held (for tests and logs). */
  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }
}
