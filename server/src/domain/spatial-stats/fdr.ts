/**
 * Benjamini–Hochberg false-discovery-rate adjustment and the usual hot/cold-spot classes.
 *
 * Glossary:
 * - q-value (BH-adjusted p): the smallest FDR level at which the test is a discovery, q_(i) = min_{k ≥ i} p_(k)·m/k.
 *   A feature is significant at confidence 99/95/90 % when q ≤ 0.01/0.05/0.10 — exactly the BH step-up procedure
 *   run at each of those levels. Undefined p-values (islands) are left out of m and get no class.
 */

export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const idx = p
    .map((value, i) => ({ value, i }))
    .filter((e): e is { value: number; i: number } => e.value !== null && Number.isFinite(e.value));
  idx.sort((a, b) => a.value - b.value || a.i - b.i);
  const m = idx.length;
  const q: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const e = idx[r] as { value: number; i: number };
    running = Math.min(running, (e.value * m) / (r + 1));
    q[e.i] = running;
  }
  return q;
}

export type SpotClass =
  'hot_99' | 'hot_95' | 'hot_90' | 'cold_99' | 'cold_95' | 'cold_90' | 'not_significant';

/** Class of a feature from its z-score and its (adjusted or raw) p-value. */
export function spotClass(z: number | null, p: number | null): SpotClass | null {
  if (z === null || p === null || !Number.isFinite(z)) return null;
  const side = z > 0 ? 'hot' : 'cold';
  if (p <= 0.01) return `${side}_99`;
  if (p <= 0.05) return `${side}_95`;
  if (p <= 0.1) return `${side}_90`;
  return 'not_significant';
}
