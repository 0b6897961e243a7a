/**
 * The build's one reading of the dossier (src/pipeline/check.ts), shared in its process:
 * the integration's check hands it to the content loaders (src/integrations/dossier-loader.ts)
 * and the pages take the Markdown bodies from it (src/data/dossier.ts). Type imports only,
 * so the pages' bundle takes nothing else with it.
 */
import type { CheckResult } from './check.ts';

const SHARED = Symbol.for('dossier.checkedEntries');
type Holder = { [SHARED]?: { result: CheckResult } };

/** Called by the integration after its check (or by a loader that read the dossier itself). */
export function shareCheckedEntries(result: CheckResult): void {
  (globalThis as Holder)[SHARED] = { result };
}

/** The reading shared in this process, if any. */
export function sharedReading(): CheckResult | undefined {
  return (globalThis as Holder)[SHARED]?.result;
}

/**
 * The Markdown bodies as the build's reading has them, by "collection/id". A build does
 * not store them in Astro's content store: Astro compiles that store into a module the
 * pages load (at 10,000 entries a third of it was bodies, 24 MB), and this process
 * holds them already. Undefined outside a build's process.
 */
export function checkedBodies(): Map<string, string> | undefined {
  const result = sharedReading();
  if (!result) return undefined;
  return new Map(result.entries.map((e) => [`${e.collection}/${e.id}`, e.body]));
}
