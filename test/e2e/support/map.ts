/**
 * Typed helpers that drive the map through the app's test hook (window.__nongan, client/src/map/test-hook.ts):
 * they wait for rendered features, find where a feature is on screen and click it.
 */
import type { Page } from '@playwright/test';
import type { ToggleId } from '../../../client/src/map/catalog';
import type { Selection } from '../../../client/src/map/pick';
import { expect } from './fixtures';

/** Opens the app and waits until the map has loaded its style and drawn its first tiles. */
export async function openMap(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => window.__nongan !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__nongan?.ready);
}

/** Features of these style layers rendered in the current view. */
export function renderedCount(page: Page, layers: string[]): Promise<number> {
  return page.evaluate((ids) => {
    const map = window.__nongan?.map;
    if (!map) return 0;
    const present = ids.filter((id) => map.getLayer(id));
    return present.length ? map.queryRenderedFeatures({ layers: present }).length : 0;
  }, layers);
}

export function styleLayers(page: Page, toggle: ToggleId): Promise<string[]> {
  return page.evaluate((id) => window.__nongan?.styleLayers(id) ?? [], toggle);
}

/** Waits until the map is idle (tiles loaded, nothing animating). */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__nongan?.map;
        if (!map) return resolve();
        // An 'idle' that fired before this listener was attached is gone; a repaint makes the map go idle again.
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** Waits until at least one feature of the toggle's layers is rendered. */
export async function expectRendered(page: Page, toggle: ToggleId): Promise<void> {
  const layers = await styleLayers(page, toggle);
  await expect
    .poll(() => renderedCount(page, layers), { message: `rendered features of ${toggle}` })
    .toBeGreaterThan(0);
}

export async function selection(page: Page): Promise<Selection | null> {
  return page.evaluate(() => window.__nongan?.selection() ?? null);
}

/** Page coordinates of a map point (the map canvas may not start at the page's top-left corner). */
export async function pagePointOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((position) => {
    const map = window.__nongan?.map;
    if (!map) throw new Error('no map');
    const point = map.project(position);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }, lngLat);
}

/** Centres the map on a position at a zoom and waits for the tiles. */
export async function centreOn(page: Page, lngLat: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom: z }) => window.__nongan?.map.jumpTo({ center, zoom: z }), {
    center: lngLat,
    zoom,
  });
  await waitForIdle(page);
}

/**
 * A fully staffed village grid near the centre of the view, from the loaded tiles: its id, name and label anchor
 * (the centre of its largest inscribed circle, so inside the village by construction).
 */
export async function someVillage(
  page: Page,
): Promise<{ id: number; name: string; anchor: [number, number] }> {
  // Below zoom 12 the label tiles are thinned (higher levels first), so look from zoom 12 where every village has one.
  const centre = await page.evaluate(() => window.__nongan?.map.getCenter().toArray() as [number, number]);
  await centreOn(page, centre, 12);
  const village = await page.evaluate(() => {
    const map = window.__nongan?.map;
    if (!map) return null;
    const staffed = new Set(
      map
        .querySourceFeatures('grids-village', {
          sourceLayer: 'grids-village',
          filter: ['==', ['get', 'staffed'], true],
        })
        .map((f) => f.id),
    );
    const features = map
      .querySourceFeatures('grid-labels', {
        sourceLayer: 'grid-labels',
        filter: ['==', ['get', 'level'], 'village'],
      })
      .filter((f) => staffed.has(f.id));
    const centre = map.getCenter();
    const distance = (f: (typeof features)[number]) => {
      const [lng, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
      return Math.hypot(lng - centre.lng, lat - centre.lat);
    };
    const nearest = features
      .filter((f) => f.geometry.type === 'Point' && typeof f.id === 'number')
      .sort((a, b) => distance(a) - distance(b))[0];
    if (!nearest) return null;
    return {
      id: nearest.id as number,
      name: String(nearest.properties.name),
      anchor: (nearest.geometry as unknown as { coordinates: [number, number] }).coordinates,
    };
  });
  if (!village) throw new Error('no village label feature is loaded');
  return village;
}

/**
 * A rendered feature of a style layer near the centre of the view: its id, name and a position on it (a point's
 * own position, or the middle vertex of a track).
 */
export async function someRendered(
  page: Page,
  layer: string,
): Promise<{ id: number; name: string; position: [number, number] }> {
  const found = await page.evaluate((layerId) => {
    const map = window.__nongan?.map;
    if (!map || !map.getLayer(layerId)) return null;
    const canvas = map.getCanvas();
    const centre = { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 };
    const positionOf = (geometry: { type: string; coordinates: unknown }): [number, number] | null => {
      if (geometry.type === 'Point') return geometry.coordinates as [number, number];
      if (geometry.type === 'LineString') {
        const line = geometry.coordinates as [number, number][];
        return line[Math.floor(line.length / 2)] ?? null;
      }
      return null;
    };
    const candidates = map
      .queryRenderedFeatures({ layers: [layerId] })
      .map((f) => ({
        id: f.id,
        name: String(f.properties.name ?? f.properties.commodity ?? f.properties.code ?? ''),
        position: positionOf(f.geometry as never),
      }))
      .filter(
        (f): f is { id: number; name: string; position: [number, number] } =>
          typeof f.id === 'number' && f.position !== null,
      );
    const distance = (f: { position: [number, number] }) => {
      const p = map.project(f.position);
      return Math.hypot(p.x - centre.x, p.y - centre.y);
    };
    return candidates.sort((a, b) => distance(a) - distance(b))[0] ?? null;
  }, layer);
  if (!found) throw new Error(`no feature of ${layer} is rendered`);
  return found;
}

export function someSubject(page: Page): Promise<{ id: number; name: string; position: [number, number] }> {
  return someRendered(page, 'subjects-icon');
}

/** Clicks (or taps, on a touch project) the map at a geographic position. */
export async function clickMapAt(page: Page, lngLat: [number, number], touch = false): Promise<void> {
  const { x, y } = await pagePointOf(page, lngLat);
  if (touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** Sets a layer-panel switch through the UI (the panel must be visible). */
export async function setLayer(page: Page, toggle: ToggleId, on: boolean): Promise<void> {
  const box = page.locator(`.layer-toggle[data-toggle="${toggle}"] input`);
  if ((await box.isChecked()) !== on) await box.click();
  await expect(box).toBeChecked({ checked: on });
}

/** Pixels the deck.gl overlay drew (its canvas keeps its drawing buffer). */
export async function deckPaintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = window.__nongan?.overlay()?.canvas;
    if (!canvas || canvas.width === 0) return 0;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (!context) return 0;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}
