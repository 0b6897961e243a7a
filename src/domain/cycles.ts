/**
 * Cycles in a one-parent hierarchy (a place's `parent`): a place that is its own
 * parent, or a → b → a, has no top, and anything that walks up from it (the
 * country a place lies in, breadcrumbs) would go round forever. Pure.
 */

/**
 * Every cycle in a map of id → parent id, each once, in the order of the ids
 * given, starting at its first member in that order: [a, b] for a → b → a,
 * [a] for a place that is its own parent. Parents that are not keys end a chain.
 */
export function parentCycles(parents: ReadonlyMap<string, string>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of parents.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = parents.get(at);
    }
    if (at !== undefined && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at)!);
      // Start at the member that comes first among the keys, so each cycle reads the same.
      const order = [...parents.keys()];
      const first = cycle.reduce((best, id) => (order.indexOf(id) < order.indexOf(best) ? id : best));
      const k = cycle.indexOf(first);
      cycles.push([...cycle.slice(k), ...cycle.slice(0, k)]);
    }
    path.forEach((id) => done.add(id));
  }
  return cycles;
}

/** "a → b → a", the cycle read from one of its members. */
export function cycleText(cycle: readonly string[], from: string): string {
  const k = cycle.indexOf(from);
  const turned = [...cycle.slice(k), ...cycle.slice(0, k)];
  return [...turned, turned[0]].join(' → ');
}
