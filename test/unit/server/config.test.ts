import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/src/config';
import { basemapFor } from '../../../server/src/modules/client-config/client-config.routes';

describe('configuration from the environment', () => {
  it('defaults to port 8080, the embedded engine in ./data and demo data on an empty database', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DEMO_DATA).toBe('auto');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('refuses a DATABASE_URL that is not a postgres URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('uses no external basemap unless one is configured', () => {
    expect(basemapFor(loadConfig({}))).toEqual({ kind: 'none' });
  });

  it('builds Tianditu WMTS URLs for the eight hosts with the key, and prefers an explicit XYZ basemap', () => {
    const tianditu = basemapFor(loadConfig({ TIANDITU_KEY: 'k&1' }));
    expect(tianditu.kind).toBe('tianditu');
    if (tianditu.kind !== 'tianditu') return;
    expect(tianditu.tiles).toHaveLength(8);
    expect(tianditu.tiles[3]).toContain('https://t3.tianditu.gov.cn/vec_w/wmts?');
    expect(tianditu.tiles[0]).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k%261');
    expect(tianditu.labelTiles[0]).toContain('LAYER=cva');
    const xyz = basemapFor(
      loadConfig({ TIANDITU_KEY: 'k', BASEMAP_URL: 'http://tiles.local/{z}/{x}/{y}.png' }),
    );
    expect(xyz).toMatchObject({ kind: 'xyz', tiles: ['http://tiles.local/{z}/{x}/{y}.png'] });
  });
});
