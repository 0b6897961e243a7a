/**
 * The content layer's loader for one collection of a dossier, in builds and in the
 * preview alike.
 *
 * Entries come from the one reading of the dossier (src/pipeline/check.ts): the same
 * function `npm run check` runs. Bodies are rendered by the project's own Markdown/MDX
 * pipeline (src/pipeline/renderer.ts), which refuses on its own whatever the check
 * refuses: a build never relies on the check having run. Nothing of the content folder
 * is handed to Astro's Markdown or MDX compilers, imported or executed.
 *
 * In a build, the integration's check in astro:config:setup hands its result over
 * (same process), so files are read once. Renders are stored with a digest of the
 * entry's file and of everything else they depend on (the project's code, ids and
 * labels, images): an unchanged entry keeps its stored render. A build keeps renders
 * in the cache folder and in this process, not in Astro's store (shared-reading.ts). In
 * the preview, the dossier is read again after each change and its problems are shown
 * on its pages (src/integrations/dossier-preview.ts); a build stops on them here.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, problemCount, sortProblems, uniqueProblems, type Problem } from '../domain/problems.ts';
import { watchInPreview, type CollectionUpdate } from './dossier-preview.ts';
import { checkDossier, type CheckResult } from '../pipeline/check.ts';
import { shareCheckedEntries, sharedReading, sharedRenderPool, shareRenderPool, shareRenders } from '../pipeline/shared-reading.ts';
import { renderWorkers, startRenderPool } from '../pipeline/render-pool.ts';
import type { Entry } from '../pipeline/load.ts';
import { readRenders, writeRenders, type KeptRender } from '../pipeline/render-store.ts';
export { shareCheckedEntries };
import { dossierRenderer, type DossierRenderer } from '../pipeline/renderer.ts';
import type { CollectionName } from '../schemas/index.ts';

/** The dossier as read: the integration's check, or else one fresh reading shared by all loaders. */
let pending: { root: string; promise: Promise<CheckResult> } | undefined;
function reading(root: string): Promise<CheckResult> {
  const shared = sharedReading();
  if (shared?.root === root) return Promise.resolve(shared);
  if (pending?.root !== root) pending = { root, promise: checkDossier(root).then((result) => { shareCheckedEntries(result); return result; }) };
  return pending.promise;
}

/** One renderer per reading (its digest covers the code, ids, labels and images). */
const renderers = new WeakMap<CheckResult, DossierRenderer>();

export function dossierLoader(collection: CollectionName, root: string): Loader {
  return {
    name: 'dossier-loader',
    load: async (context: LoaderContext) => {
      const { store, config, generateDigest, logger, watcher } = context;
      // A build keeps renders out of the store (shared-reading.ts) and between builds in
      // the cache folder; the preview keeps them in the store, where its pages read them.
      const cacheDir = config.cacheDir ? fileURLToPath(config.cacheDir) : undefined;
      let kept: Map<string, KeptRender> | undefined;
      const before = (id: string): Partial<KeptRender> | undefined => {
        if (watcher) return store.get(id) as Partial<KeptRender> | undefined;
        return (kept ??= cacheDir ? readRenders(cacheDir, collection) : new Map()).get(id);
      };
      const rendererOf = (result: CheckResult): DossierRenderer => {
        let renderer = renderers.get(result);
        if (!renderer) renderers.set(result, (renderer = dossierRenderer(result)));
        return renderer;
      };
      /** Each entry of the collection: where Astro records it, its digest, and its render if one is kept. */
      const plan = (result: CheckResult) => {
        const renderer = rendererOf(result);
        return result.entries.filter((e) => e.collection === collection).map((entry) => {
          const filePath = path.relative(fileURLToPath(config.root), path.join(root, entry.file)).split(path.sep).join('/');
          // The mode is in the digest: a store the preview filled holds what a build's does not.
          const digest = generateDigest(`${renderer.digest}\n${watcher ? 'preview' : 'build'}\n${entry.text ?? `${JSON.stringify(entry.data)}\n${entry.body}`}`);
          const previous = before(entry.id);
          const rendered = previous?.digest === digest && previous.filePath === filePath ? previous.rendered : undefined;
          return { entry, filePath, digest, rendered };
        });
      };
      /**
       * Stores the collection's entries as `result` has them: what it could not render, which
       * files it stored. `fresh`: renders already made for it (by the build's render pool).
       */
      const update = (result: CheckResult, fresh?: ReadonlyMap<Entry, ReturnType<DossierRenderer['render']>>, planned = plan(result)): CollectionUpdate => {
        const renderer = rendererOf(result);
        const refused: Problem[] = [];
        const stored: Parameters<typeof store.set>[0][] = [];
        const renders = new Map<string, KeptRender>();
        let renderedNow = 0;
        const files: string[] = [];
        for (const { entry, filePath, digest, rendered: keptRender } of planned) {
          let rendered = keptRender;
          if (!rendered) {
            renderedNow++;
            const r = fresh?.get(entry) ?? renderer.render(entry);
            if (!r.ok) {
              refused.push(...r.problems);
              continue;
            }
            const { html, headings, components, images } = r.value;
            // Plain data: the page renders the components (src/components/Body.astro).
            rendered = { html, metadata: { headings, components, media: images.map((i) => ({ name: i.name, full: i.full })) } };
          }
          files.push(entry.file);
          renders.set(entry.id, { digest, filePath, rendered });
          stored.push({
            id: entry.id,
            data: entry.data as unknown as Record<string, unknown>,
            body: watcher ? entry.body : undefined,
            filePath,
            digest,
            rendered: watcher ? rendered : undefined,
          });
        }
        const keep = new Set(stored.map((e) => e.id));
        for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
        for (const entry of stored) store.set(entry); // an unchanged digest leaves Astro's entry as it is
        if (!watcher) {
          shareRenders(collection, new Map([...renders].map(([id, k]) => [id, k.rendered])));
          // Nothing rendered and nothing gone: the file holds these renders already.
          if (cacheDir && (renderedNow > 0 || renders.size !== kept?.size)) writeRenders(cacheDir, collection, renders);
          kept = undefined;
        }
        return { refused, stored: files };
      };
      const result = await reading(root);
      // Astro passes a file watcher only to the preview, which shows the problems on its pages.
      if (watcher) return watchInPreview(root, collection, result, update, watcher, logger);
      // Many bodies to render are rendered in the build's worker processes too (render-pool.ts):
      // started by the integration for a first build, else here when this collection needs them.
      const planned = plan(result);
      const todo = planned.filter((p) => !p.rendered).map((p) => p.entry);
      let pool = sharedRenderPool();
      const workers = pool ? 0 : renderWorkers(todo.length);
      if (workers > 0) shareRenderPool((pool = startRenderPool(root, workers)));
      let fresh: Map<Entry, ReturnType<DossierRenderer['render']>> | undefined;
      if (pool && todo.length) {
        const done = await pool.renderAll(todo, rendererOf(result));
        fresh = new Map(todo.map((e, i) => [e, done[i]]));
      }
      const { refused } = update(result, fresh, planned);
      // The renderer's refusals repeat the check's lines (it judges the same bodies): each once.
      const problems = uniqueProblems([...result.errors, ...refused]);
      if (problems.length) refuse(problems, `${path.relative(process.cwd(), root) || '.'}/`);
    },
  };
}

/**
 * The build stops with the check's plain lines (no stack trace). The integration's check
 * has normally stopped it before this point, with the same lines; this holds even if not.
 */
function refuse(problems: Problem[], prefix: string): never {
  const lines = sortProblems(problems).map((p) => formatProblem(p, prefix)).join('\n');
  console.error(`\n${lines}\n\nThe dossier has ${problemCount(problems)} problem(s); nothing was built. Fix them (npm run check lists them too).`);
  process.exit(1);
}
