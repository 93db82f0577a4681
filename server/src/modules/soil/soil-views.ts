/** Response shapes built from domain results: variogram plots, cross-validation tables, packed surfaces. */
import type { CrossValidationView, SurfaceLayer, VariogramView } from '../../../contracts/soil';
import type { Interpolation, VariogramReport } from '../../domain/geostats/interpolate';
import { variogramCurve } from '../../domain/geostats/variogram';
import type { ZoningOutput } from '../../domain/soil/zoning';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function variogramView(report: VariogramReport | null, of: VariogramView['of']): VariogramView | null {
  if (!report) return null;
  const { empirical, model } = report;
  return {
    of,
    cutoff: empirical.cutoff,
    width: empirical.width,
    lags: empirical.lags,
    model,
    fitted: report.fitted,
    candidates: report.candidates.map((c) => ({ ...c.variogram, sse: c.sse })),
    curve: variogramCurve(model, empirical.cutoff, 60),
  };
}

export function crossValidationView(
  interpolation: Interpolation,
  observed: ArrayLike<number>,
  who: (i: number) => { sampleId: number | null; code: string | null },
): CrossValidationView {
  const residuals = Array.from({ length: observed.length }, (_, i) => ({
    ...who(i),
    observed: observed[i]!,
    predicted: finite(interpolation.looPrediction[i]!),
    variance: interpolation.looVariance ? finite(interpolation.looVariance[i]!) : null,
  }));
  return { ...interpolation.crossValidation, residuals };
}

/** The surfaces kept with a run, in this order, as little-endian float32 (NaN outside the area). */
export function surfaceLayers(output: ZoningOutput): SurfaceLayer[] {
  const s = output.surfaces;
  return [
    'prediction',
    ...(s.variance ? (['variance'] as const) : []),
    'ph',
    'screening',
    'intervention',
    ...(s.pScreening ? (['pScreening', 'pIntervention'] as const) : []),
    'class',
  ];
}

export function packSurface(output: ZoningOutput, layers: SurfaceLayer[]): Buffer {
  const { nx, ny } = output.grid;
  const size = nx * ny;
  const inside = new Uint8Array(size);
  for (const c of output.insideCells) inside[c] = 1;
  const out = new Float32Array(size * layers.length);
  const s = output.surfaces;
  const source: Record<SurfaceLayer, ArrayLike<number> | null> = {
    prediction: s.prediction,
    variance: s.variance,
    ph: s.ph,
    screening: s.screening,
    intervention: s.intervention,
    pScreening: s.pScreening,
    pIntervention: s.pIntervention,
    class: s.classIndex,
  };
  layers.forEach((layer, l) => {
    const values = source[layer]!;
    for (let k = 0; k < size; k++) {
      const v = values[k]!;
      out[l * size + k] = inside[k] && !(layer === 'class' && v < 0) ? v : NaN;
    }
  });
  // Float32Array is little-endian on every platform Node runs on (x86, ARM).
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function unpackLayer(
  surface: Uint8Array,
  layers: string[],
  layer: SurfaceLayer,
  size: number,
): (number | null)[] | null {
  const l = layers.indexOf(layer);
  if (l < 0) return null;
  const copy = new Uint8Array(surface.subarray(l * size * 4, (l + 1) * size * 4));
  const values = new Float32Array(copy.buffer);
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}
