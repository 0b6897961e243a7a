/**
 * Pure work the pages hand to the build's worker threads (src/pipeline/page-pool.ts) so
 * that it runs beside the rendering of the next pages: set by the offline step for a
 * large site's build (src/integrations/offline.ts), absent otherwise, and then the work
 * is done where it is asked for. Shared through globalThis: the pages run from Astro's
 * bundle, the pool was started by an integration. The results are the same either way.
 */
import type { GraphEdgeIn, GraphLayout, GraphLayoutOptions, GraphNodeIn } from '../domain/graph-layout.ts';

export interface Offload {
  layoutGraph(nodes: GraphNodeIn[], edges: GraphEdgeIn[], options: GraphLayoutOptions): Promise<GraphLayout>;
}

const KEY = Symbol.for('dossier.offload');
type Holder = { [KEY]?: Offload };

export function shareOffload(offload: Offload | undefined): void {
  (globalThis as Holder)[KEY] = offload;
}

export function sharedOffload(): Offload | undefined {
  return (globalThis as Holder)[KEY];
}
