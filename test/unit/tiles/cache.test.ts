import { describe, expect, it } from 'vitest';
import { type Stamps, StampReader, TileCache, etagMatches, layerEtag } from '../../../tiles/src/cache';

const stamps = (entries: Record<string, string>): Stamps => new Map(Object.entries(entries));

describe('layerEtag', () => {
  it('changes when a source table of the layer is written to, and only then', () => {
    const before = layerEtag('abc', ['sample'], stamps({ sample: '3:1700000000', patrol: '1:1700000000' }));
    expect(layerEtag('abc', ['sample'], stamps({ sample: '4:1700000001', patrol: '1:1700000000' }))).not.toBe(
      before,
    );
    expect(layerEtag('abc', ['sample'], stamps({ sample: '3:1700000000', patrol: '9:1700000009' }))).toBe(
      before,
    );
  });

  it('changes with the layer definition hash, so a code change invalidates tiles', () => {
    const now = stamps({ sample: '3:1' });
    expect(layerEtag('abc', ['sample'], now)).not.toBe(layerEtag('abd', ['sample'], now));
  });

  it('reads a table never written to as version 0 and is a quoted strong ETag', () => {
    expect(layerEtag('abc', ['patrol'], stamps({}))).toBe(
      layerEtag('abc', ['patrol'], stamps({ patrol: '0' })),
    );
    expect(layerEtag('abc', ['patrol'], stamps({}))).toMatch(/^"abc-[0-9a-f]{16}"$/);
  });
});

describe('etagMatches', () => {
  const etag = '"abc-0123"';
  it('matches the same tag, a weak copy of it, a list containing it, and *', () => {
    for (const header of ['"abc-0123"', 'W/"abc-0123"', '"x", "abc-0123"', '*'])
      expect(etagMatches(header, etag)).toBe(true);
  });
  it('does not match another tag or a missing header', () => {
    for (const header of ['"abc-0124"', 'abc-0123', '', undefined])
      expect(etagMatches(header, etag)).toBe(false);
  });
});

/** A read the test settles by hand, recording when each read started. */
function controlledReads() {
  const started: { resolve: (value: Stamps) => void }[] = [];
  const read = () => new Promise<Stamps>((resolve) => started.push({ resolve }));
  return { started, reader: new StampReader(read) };
}

describe('StampReader', () => {
  it('shares one read among callers that arrive while no read runs', async () => {
    const { started, reader } = controlledReads();
    const first = reader.current();
    expect(started).toHaveLength(1);
    started[0]!.resolve(stamps({ sample: '1' }));
    expect((await first).get('sample')).toBe('1');
  });

  it('never answers a caller with a read that began before it arrived', async () => {
    const { started, reader } = controlledReads();
    const early = reader.current();
    const late1 = reader.current();
    const late2 = reader.current();
    expect(started).toHaveLength(1);
    started[0]!.resolve(stamps({ sample: 'old' }));
    expect((await early).get('sample')).toBe('old');
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1]!.resolve(stamps({ sample: 'new' }));
    expect([(await late1).get('sample'), (await late2).get('sample')]).toEqual(['new', 'new']);
  });

  it('recovers after a failed read', async () => {
    let fail = true;
    const reader = new StampReader(async () => {
      if (fail) throw new Error('connection lost');
      return stamps({ sample: '2' });
    });
    await expect(reader.current()).rejects.toThrow('connection lost');
    fail = false;
    expect((await reader.current()).get('sample')).toBe('2');
  });
});

describe('TileCache', () => {
  const tile = (bytes: number) => new Uint8Array(bytes);

  it('builds a missing tile once and answers the next request from memory', async () => {
    const cache = new TileCache(1_000_000);
    let builds = 0;
    const build = async () => (builds++, tile(10));
    expect((await cache.getOrBuild('k', build)).hit).toBe(false);
    expect((await cache.getOrBuild('k', build)).hit).toBe(true);
    expect(builds).toBe(1);
  });

  it('shares one build among concurrent requests for the same tile', async () => {
    const cache = new TileCache(0);
    let builds = 0;
    const build = () => new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(tile(builds++)), 5));
    await Promise.all([
      cache.getOrBuild('k', build),
      cache.getOrBuild('k', build),
      cache.getOrBuild('k', build),
    ]);
    expect(builds).toBe(1);
  });

  it('stays within its byte budget by evicting the least recently used tiles', async () => {
    const cache = new TileCache(3_000);
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.getOrBuild(key, async () => tile(900));
    expect(cache.bytes).toBeLessThanOrEqual(3_000);
    expect((await cache.getOrBuild('e', async () => tile(900))).hit).toBe(true);
    expect((await cache.getOrBuild('a', async () => tile(900))).hit).toBe(false);
  });

  it('keeps nothing when its budget is 0', async () => {
    const cache = new TileCache(0);
    await cache.getOrBuild('k', async () => tile(10));
    expect((await cache.getOrBuild('k', async () => tile(10))).hit).toBe(false);
    expect(cache.bytes).toBe(0);
  });

  it('keys tiles by layer, ETag and coordinates', () => {
    expect(TileCache.key('samples', '"h-v"', 12, 1, 2)).not.toBe(TileCache.key('samples', '"h-w"', 12, 1, 2));
    expect(TileCache.key('samples', '"h-v"', 12, 1, 2)).not.toBe(TileCache.key('patrols', '"h-v"', 12, 1, 2));
  });
});
