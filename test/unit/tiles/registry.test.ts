import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS, LAYERS } from '../../../server/contracts/layers';
import { BOUNDS_PARAMS, isThinned, tileParams } from '../../../tiles/src/mvt-sql';
import { type TileLayerSpec, loadLayers } from '../../../tiles/src/registry';
import { metresPerPixel } from '../../../tiles/src/tile-coord';

const layers = loadLayers();
const layer = (id: (typeof LAYER_IDS)[number]) => layers.get(id)!;

describe('the layer registry', () => {
  it('has a definition for every contract layer and nothing else', () => {
    expect([...layers.keys()].sort()).toEqual([...LAYER_IDS].sort());
    for (const [id, definition] of layers) expect(definition.contract).toBe(LAYERS[id]);
  });

  it('refuses to start without a definition for a contract layer', () => {
    const specs = [...layers.values()].filter((l) => l.id !== 'patrols');
    expect(() => loadLayers(specs)).toThrow(/patrols/);
  });

  it('refuses thinning on a layer that is not made of points', () => {
    const bad: TileLayerSpec = { ...layer('patrols'), thinning: { belowZoom: 12, cellPx: 4 } };
    expect(() => loadLayers([...[...layers.values()].filter((l) => l.id !== 'patrols'), bad])).toThrow(
      /only point layers/,
    );
  });

  it('selects id, geom, priority and every contract field in each query.sql', () => {
    for (const definition of layers.values()) {
      for (const column of ['id', 'geom', 'priority', ...Object.keys(definition.contract.fields)]) {
        expect({
          layer: definition.id,
          column,
          found: new RegExp(`(AS "?${column}"?,?\\s*$|\\.${column},?\\s*$)`, 'm').test(definition.query),
        }).toEqual({
          layer: definition.id,
          column,
          found: true,
        });
      }
    }
  });

  it('writes the three grid queries alike but for the level', () => {
    const normalise = (id: 'grids-county' | 'grids-township' | 'grids-village') =>
      layer(id)
        .query.replace(/'(county|township|village)'/, "'LEVEL'")
        .replace(/^--.*\n/gm, '');
    expect(normalise('grids-township')).toBe(normalise('grids-county'));
    expect(normalise('grids-village')).toBe(normalise('grids-county'));
  });

  it('changes a layer’s definition hash when its limits change', () => {
    const changed = loadLayers(
      [...layers.values()].map((l) => (l.id === 'samples' ? { ...l, maxFeatures: [[0, 10]] as const } : l)),
    );
    expect(changed.get('samples')!.hash).not.toBe(layer('samples').hash);
    expect(changed.get('patrols')!.hash).toBe(layer('patrols').hash);
  });
});

describe('tile parameters', () => {
  it('turns simplification pixels into metres at the zoom, and never simplifies points', () => {
    expect(tileParams(layer('patrols'), { z: 10, x: 1, y: 2 })).toEqual([
      10,
      1,
      2,
      1 * metresPerPixel(10),
      0,
      3000,
    ]);
    expect(tileParams(layer('patrols'), { z: 14, x: 1, y: 2 })[3]).toBeCloseTo(0.5 * metresPerPixel(14), 9);
    expect(tileParams(layer('samples'), { z: 14, x: 1, y: 2 })[3]).toBe(0);
  });

  it('thins point layers below their thinning zoom only, with cells of whole pixels', () => {
    expect(isThinned(layer('samples'), 11)).toBe(true);
    expect(isThinned(layer('samples'), 12)).toBe(false);
    expect(tileParams(layer('samples'), { z: 10, x: 0, y: 0 })[4]).toBeCloseTo(4 * metresPerPixel(10), 9);
    expect(tileParams(layer('samples'), { z: 12, x: 0, y: 0 })[4]).toBe(0);
    expect(isThinned(layer('grids-village'), 8)).toBe(false);
  });

  it('keeps the tile coordinates out of the SQL text: they are parameters $1–$3', () => {
    for (const definition of layers.values()) {
      for (const sql of [
        definition.sql.postgis.plain,
        definition.sql.postgis.thinned,
        definition.sql.portable.plain,
        definition.boundsSql,
      ]) {
        expect(sql).toMatch(/ST_TileEnvelope\(\$1::int, \$2::int, \$3::int\)/);
        expect(sql.match(/\$(\d+)/g)?.every((p) => Number(p.slice(1)) <= 7)).toBe(true);
      }
    }
    expect(BOUNDS_PARAMS).toHaveLength(5);
  });
});

describe('where MVT SQL lives', () => {
  it('calls ST_AsMVT and ST_AsMVTGeom in tiles/src/mvt-sql.ts and nowhere else in the code', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (
          /\.(ts|sql)$/.test(entry.name) &&
          /ST_AsMVT(Geom)?\s*\(/i.test(fs.readFileSync(file, 'utf8'))
        )
          offenders.push(file);
      }
    };
    for (const dir of ['tiles', 'server', 'sql']) walk(path.resolve(dir));
    expect(offenders.map((file) => path.relative(process.cwd(), file))).toEqual([
      path.join('tiles', 'src', 'mvt-sql.ts'),
    ]);
  });
});
