/**
 * One entry point for both methods: checks the samples, fits the variogram when asked, predicts at the targets and
 * cross-validates — what the analysis API and the soil zoning share.
 *
 * Neighbourhood default for kriging: every sample while there are at most GLOBAL_KRIGING_LIMIT of them (one LU
 * factorisation serves all targets), otherwise the DEFAULT_NEIGHBOURS nearest — a global system of thousands of
 * samples would take minutes and gains nothing measurable over a local one. The effective value is returned.
 */
import { type CrossValidation, crossValidationFigures } from './cross-validation';
import { type Samples, idwLeaveOneOut, idwPredict } from './idw';
import { krigeLeaveOneOut, krigePredict } from './kriging';
import { NeighbourIndex } from './neighbours';
import { GEOSTATS_REASONS, type Result, fail, ok } from './result';
import {
  type EmpiricalVariogram,
  type FittedVariogram,
  type VariogramModel,
  type VariogramModelName,
  checkVariogram,
  empiricalVariogram,
  fitBestVariogram,
  fitVariogram,
} from './variogram';

export const GLOBAL_KRIGING_LIMIT = 1000;
export const DEFAULT_NEIGHBOURS = 32;
/** Samples closer than this (metres) count as one location. */
export const DUPLICATE_DISTANCE_M = 0.01;

export type Method =
  | { kind: 'idw'; power: number; maxNeighbors?: number | undefined; maxDistance?: number | undefined }
  | {
      kind: 'kriging';
      /** A model, 'auto' (the best of the three by weighted error) or the name of the model to fit. */
      variogram: VariogramModel | 'auto' | { fit: VariogramModelName };
      maxNeighbors?: number | undefined;
      maxDistance?: number | undefined;
      /** Lag table options; gstat's defaults when absent. */
      cutoff?: number | undefined;
      width?: number | undefined;
    };

export interface VariogramReport {
  empirical: EmpiricalVariogram;
  /** The model used; `fitted` says whether it was fitted here. */
  model: VariogramModel;
  fitted: boolean;
  /** Every model tried when fitting, best first, with its weighted squared error. */
  candidates: FittedVariogram[];
}

export interface Interpolation {
  value: Float64Array;
  /** Kriging variances; null for IDW. */
  variance: Float64Array | null;
  variogram: VariogramReport | null;
  crossValidation: CrossValidation;
  /** Leave-one-out predictions, in sample order. */
  looPrediction: Float64Array;
  /** Leave-one-out kriging variances (null for IDW). */
  looVariance: Float64Array | null;
  neighbourhood: { maxNeighbors: number | null; maxDistance: number | null };
}

/** Checks count, finiteness and distinct locations (sorted scan on x, so n log n). */
export function checkSamples(s: Samples): Result<Samples> {
  const n = s.x.length;
  if (n < 3) return fail(GEOSTATS_REASONS.TOO_FEW_POINTS, { count: n, minimum: 3 });
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(s.z[i]!) || !Number.isFinite(s.x[i]!) || !Number.isFinite(s.y[i]!))
      return fail(GEOSTATS_REASONS.NON_FINITE_VALUE, { index: i });
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s.x[a]! - s.x[b]!);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    for (let q = p + 1; q < n && s.x[order[q]!]! - s.x[i]! <= DUPLICATE_DISTANCE_M; q++) {
      const j = order[q]!;
      if (Math.hypot(s.x[j]! - s.x[i]!, s.y[j]! - s.y[i]!) <= DUPLICATE_DISTANCE_M)
        return fail(GEOSTATS_REASONS.DUPLICATE_LOCATIONS, { indices: [Math.min(i, j), Math.max(i, j)] });
    }
  }
  return ok(s);
}

function checkNeighbourhood(m: Method): Result<null> {
  if (m.maxNeighbors !== undefined && !(Number.isInteger(m.maxNeighbors) && m.maxNeighbors >= 1))
    return fail(GEOSTATS_REASONS.INVALID_PARAMETER, { parameter: 'maxNeighbors', value: m.maxNeighbors });
  if (m.maxDistance !== undefined && !(m.maxDistance > 0))
    return fail(GEOSTATS_REASONS.INVALID_PARAMETER, { parameter: 'maxDistance', value: m.maxDistance });
  if (m.kind === 'idw' && !(m.power > 0 && m.power <= 20))
    return fail(GEOSTATS_REASONS.INVALID_PARAMETER, { parameter: 'power', value: m.power });
  return ok(null);
}

/** The variogram to krige with: as given, or fitted to the lag table. */
export function resolveVariogram(
  s: Samples,
  choice: Extract<Method, { kind: 'kriging' }>['variogram'],
  lagOptions: { cutoff?: number | undefined; width?: number | undefined } = {},
): Result<VariogramReport> {
  const options = {
    ...(lagOptions.cutoff === undefined ? {} : { cutoff: lagOptions.cutoff }),
    ...(lagOptions.width === undefined ? {} : { width: lagOptions.width }),
  };
  const empirical = empiricalVariogram(s.x, s.y, s.z, options);
  if (choice !== 'auto' && !('fit' in choice)) {
    const checked = checkVariogram(choice);
    if (!checked.ok) return checked;
    return ok({ empirical, model: choice, fitted: false, candidates: [] });
  }
  const fits = choice === 'auto' ? fitBestVariogram(empirical) : fitVariogram(empirical, choice.fit);
  if (!fits.ok) return fits;
  const candidates = Array.isArray(fits.value) ? fits.value : [fits.value];
  return ok({ empirical, model: candidates[0]!.variogram, fitted: true, candidates });
}

export function interpolate(
  samples: Samples,
  tx: ArrayLike<number>,
  ty: ArrayLike<number>,
  method: Method,
): Result<Interpolation> {
  const checked = checkSamples(samples);
  if (!checked.ok) return checked;
  const params = checkNeighbourhood(method);
  if (!params.ok) return params;
  const index = new NeighbourIndex(samples.x, samples.y);
  const n = samples.x.length;
  if (method.kind === 'idw') {
    const hood = { maxNeighbors: method.maxNeighbors, maxDistance: method.maxDistance };
    const value = idwPredict(samples, tx, ty, { ...hood, power: method.power }, index);
    const loo = idwLeaveOneOut(samples, { ...hood, power: method.power }, index);
    return ok({
      value,
      variance: null,
      variogram: null,
      crossValidation: crossValidationFigures(samples.z, loo),
      looPrediction: loo,
      looVariance: null,
      neighbourhood: { maxNeighbors: method.maxNeighbors ?? null, maxDistance: method.maxDistance ?? null },
    });
  }
  const variogram = resolveVariogram(samples, method.variogram, method);
  if (!variogram.ok) return variogram;
  const maxNeighbors = method.maxNeighbors ?? (n > GLOBAL_KRIGING_LIMIT ? DEFAULT_NEIGHBOURS : undefined);
  const hood = { maxNeighbors, maxDistance: method.maxDistance };
  const predicted = krigePredict(samples, tx, ty, variogram.value.model, hood, index);
  if (!predicted.ok) return predicted;
  const loo = krigeLeaveOneOut(samples, variogram.value.model, hood, index);
  if (!loo.ok) return loo;
  return ok({
    value: predicted.value.value,
    variance: predicted.value.variance,
    variogram: variogram.value,
    crossValidation: crossValidationFigures(samples.z, loo.value.value, loo.value.variance),
    looPrediction: loo.value.value,
    looVariance: loo.value.variance,
    neighbourhood: { maxNeighbors: maxNeighbors ?? null, maxDistance: method.maxDistance ?? null },
  });
}
