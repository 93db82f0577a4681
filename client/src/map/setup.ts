/**
 * One-time MapLibre set-up. MapLibre 6 is ESM-only and cannot find its worker inside a bundle, so the worker
 * file is emitted as an asset by Vite (`?url`) and its URL handed to MapLibre before the first map is created.
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map-controls.css';

let done = false;

export function setUpMapLibre(): void {
  if (done) return;
  setWorkerUrl(workerUrl);
  done = true;
}
