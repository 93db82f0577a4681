/**
 * Where to take new soil samples: the cells whose farmland class is most uncertain.
 *
 * Each cell has the probabilities of its three classes from the exceedance probabilities of the screening value
 * (p_s) and the intervention value (p_i): P(优先保护) = 1 − p_s, P(安全利用) = p_s − p_i, P(严格管控) = p_i. The
 * uncertainty is their Shannon entropy in bits (0 when the class is certain, log2 3 ≈ 1.58 at most). Locations are
 * picked greedily, most uncertain first, at least `minSpacing` metres from every location already picked, so the
 * list spreads over all uncertain areas instead of piling into one.
 */

export interface Suggestion {
  cell: number;
  entropy: number;
  pScreening: number;
  pIntervention: number;
}

export function classEntropy(pScreening: number, pIntervention: number): number {
  const pi = Math.min(Math.max(pIntervention, 0), 1);
  const ps = Math.min(Math.max(pScreening, pi), 1);
  let h = 0;
  for (const p of [1 - ps, ps - pi, pi]) if (p > 0) h -= p * Math.log2(p);
  return h;
}

export function suggestSamplingCells(
  candidates: ArrayLike<number>,
  at: (cell: number) => [number, number],
  pScreening: ArrayLike<number>,
  pIntervention: ArrayLike<number>,
  options: { count: number; minSpacing: number; minEntropy?: number },
): Suggestion[] {
  const scored: Suggestion[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const cell = candidates[k]!;
    const ps = pScreening[cell]!;
    const pi = Number.isFinite(pIntervention[cell]!) ? pIntervention[cell]! : 0;
    if (!Number.isFinite(ps)) continue;
    const entropy = classEntropy(ps, pi);
    if (entropy > (options.minEntropy ?? 0.05))
      scored.push({ cell, entropy, pScreening: ps, pIntervention: pi });
  }
  scored.sort((a, b) => b.entropy - a.entropy || a.cell - b.cell);
  const picked: Suggestion[] = [];
  const places: [number, number][] = [];
  for (const s of scored) {
    if (picked.length >= options.count) break;
    const [x, y] = at(s.cell);
    if (places.some(([px, py]) => Math.hypot(px - x, py - y) < options.minSpacing)) continue;
    picked.push(s);
    places.push([x, y]);
  }
  return picked;
}
