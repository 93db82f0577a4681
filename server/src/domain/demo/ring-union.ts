/**
 * Unions of cells that share nodes, done topologically (no floating-point overlay): the boundary of a set of cells is
 * the set of their directed edges whose reverse does not also belong to the set, chained into rings. Because the
 * parent's boundary is made of exactly the children's edges, township = ∪ villages and county = ∪ townships hold
 * to the last bit.
 *
 * Glossary:
 * - directed edge `a>b`: consecutive nodes a, b of a counter-clockwise ring. Two neighbouring counter-clockwise
 *   cells walk their shared edge in opposite directions, so an interior edge cancels against its reverse.
 */

/** Boundary rings (node ids, counter-clockwise for outer rings, not closed) of the union of the given cells. */
export function unionRings(cells: readonly (readonly string[])[]): string[][] {
  const edges = new Set<string>();
  for (const ring of cells) {
    ring.forEach((node, k) => edges.add(`${node}>${ring[(k + 1) % ring.length] as string}`));
  }
  const next = new Map<string, string>();
  for (const edge of edges) {
    const [from, to] = edge.split('>') as [string, string];
    if (edges.has(`${to}>${from}`)) continue;
    if (next.has(from)) throw new Error(`the union is pinched at node ${from}`);
    next.set(from, to);
  }
  const rings: string[][] = [];
  const seen = new Set<string>();
  for (const start of [...next.keys()].sort()) {
    if (seen.has(start)) continue;
    const ring: string[] = [];
    let node = start;
    while (!seen.has(node)) {
      seen.add(node);
      ring.push(node);
      const to = next.get(node);
      if (to === undefined) throw new Error(`open boundary at node ${node}`);
      node = to;
    }
    if (node !== start) throw new Error(`boundary rings cross at node ${node}`);
    rings.push(ring);
  }
  return rings;
}

/** Pairs of cells (by index) that share at least one edge. */
export function adjacency(cells: readonly (readonly string[])[]): number[][] {
  const owner = new Map<string, number>();
  const neighbours = cells.map(() => new Set<number>());
  cells.forEach((ring, i) => {
    ring.forEach((node, k) => {
      const to = ring[(k + 1) % ring.length] as string;
      const other = owner.get(`${to}>${node}`);
      if (other !== undefined && other !== i) {
        neighbours[i]?.add(other);
        neighbours[other]?.add(i);
      }
      owner.set(`${node}>${to}`, i);
    });
  });
  return neighbours.map((set) => [...set].sort((a, b) => a - b));
}
