/**
 * The build's one reading of the dossier (src/pipeline/check.ts) and its rendered
 * bodies, shared in its process: the integration's check hands the reading to the
 * content loaders (src/integrations/dossier-loader.ts), the loaders hand over what they
 * rendered, and the pages take Markdown bodies and renders from here (src/data/dossier.ts).
 * Type imports only (and the tiny process-value.ts), so the pages' bundle takes nothing else with it.
 *
 * A build keeps both out of Astro's content store: Astro compiles that store into a
 * module the pages load, and this process holds them already. At 10,000 entries the
 * bodies were 24 MB of that module and the renders 39 MB of the 54 MB left; each megabyte
 * of it costs many in the bundle phase (it is copied as it is bundled).
 */
import type { CheckResult } from './check.ts';
import type { RenderPool } from './render-pool.ts';
import type { Heading, RenderedBody } from './render-body.ts';
import type { GraphEdgeIn, GraphLayout, GraphLayoutOptions, GraphNodeIn } from '../domain/graph-layout.ts';
import { processValue } from './process-value.ts';

/** A body as rendered, in the shape of Astro's `rendered` field (the preview stores it there). */
export interface StoredRender {
  html: string;
  metadata: { headings: Heading[]; components: RenderedBody['components']; media: { name: string; full: string }[] };
}

const reading = processValue<{ result: CheckResult; renders: Map<string, StoredRender> }>('dossier.checkedEntries');

/** Called by the integration after its check (or by a loader that read the dossier itself). */
export function shareCheckedEntries(result: CheckResult): void {
  reading.set({ result, renders: new Map() });
}

/** The reading shared in this process, if any. */
export function sharedReading(): CheckResult | undefined {
  return reading.get()?.result;
}

/**
 * The Markdown bodies as the build's reading has them, by "collection/id". Undefined
 * outside a build's process.
 */
export function checkedBodies(): Map<string, string> | undefined {
  const result = sharedReading();
  if (!result) return undefined;
  return new Map(result.entries.map((e) => [`${e.collection}/${e.id}`, e.body]));
}

/** Called by a build's loader with what it rendered (or kept) for one collection, by id. */
export function shareRenders(collection: string, renders: ReadonlyMap<string, StoredRender>): void {
  const shared = reading.get();
  if (!shared) return;
  for (const [id, rendered] of renders) shared.renders.set(`${collection}/${id}`, rendered);
}

/** The renders the loaders shared in this process, by "collection/id". */
export function sharedRenders(): ReadonlyMap<string, StoredRender> | undefined {
  return reading.get()?.renders;
}

const searchShards = processValue<string[]>('dossier.searchShards');
/**
 * The search step's shard folders (src/domain/search-shards.ts), shared when it starts so
 * the search page merges exactly the shards it makes. Unset outside a build: one index.
 */
export const shareSearchShards = searchShards.set;
export const sharedSearchShards = searchShards.get;

const renderPool = processValue<RenderPool>('dossier.renderPool');
/** The build's body render pool (started by the integration for a large dossier), for the loaders. */
export const shareRenderPool = renderPool.set;
export const sharedRenderPool = renderPool.get;

/**
 * Pure work the pages hand to the build's worker threads (src/pipeline/page-pool.ts), so
 * that it runs beside the rendering of the next pages: set by the offline step for a
 * large site's build (src/integrations/offline.ts); absent, the work is done where it is
 * asked for. The results are the same either way.
 */
export interface Offload {
  layoutGraph(nodes: GraphNodeIn[], edges: GraphEdgeIn[], options: GraphLayoutOptions): Promise<GraphLayout>;
}

const offload = processValue<Offload>('dossier.offload');
export const shareOffload = offload.set;
export const sharedOffload = offload.get;
