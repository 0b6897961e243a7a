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
 * labels, images): an unchanged entry keeps its stored render.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, problemCount, sortProblems, uniqueProblems, type Problem } from '../domain/problems.ts';
import { checkDossier, type CheckResult } from '../pipeline/check.ts';
import { dossierRenderer, type DossierRenderer } from '../pipeline/renderer.ts';
import { COLLECTIONS, type CollectionName } from '../schemas/index.ts';

const SHARED = Symbol.for('dossier.checkedEntries');
interface Shared { result: CheckResult; renderer?: DossierRenderer }
type Holder = { [SHARED]?: Shared };

/** Called by the integration after its check: the dossier the loaders will store. */
export function shareCheckedEntries(result: CheckResult): void {
  (globalThis as Holder)[SHARED] = { result };
}

/** The dossier as read: the integration's check, or a fresh reading (one for all loaders). */
let pending: { root: string; at: number; promise: Promise<Shared> } | undefined;
function reading(root: string, fresh: boolean): Promise<Shared> {
  const holder = globalThis as Holder;
  const shared = holder[SHARED];
  if (!fresh && shared?.result.root === root) return Promise.resolve(shared);
  // The five collections' loaders see the same change: they share one reading of it.
  if (pending?.root === root && Date.now() - pending.at < 500) return pending.promise;
  const promise = checkDossier(root).then((result) => (holder[SHARED] = { result }));
  pending = { root, at: Date.now(), promise };
  return promise;
}

export function dossierLoader(collection: CollectionName, root: string): Loader {
  return {
    name: 'dossier-loader',
    load: async (context: LoaderContext) => {
      const { store, config, generateDigest, logger, watcher } = context;
      const sync = async (fresh: boolean) => {
        const shared = await reading(root, fresh);
        const renderer = (shared.renderer ??= dossierRenderer(shared.result));
        const entries = shared.result.entries.filter((e) => e.collection === collection);
        const refused: Problem[] = [];
        const stored: Parameters<typeof store.set>[0][] = [];
        for (const entry of entries) {
          const filePath = path.relative(fileURLToPath(config.root), path.join(root, entry.file)).split(path.sep).join('/');
          const digest = generateDigest(`${renderer.digest}\n${entry.text ?? `${JSON.stringify(entry.data)}\n${entry.body}`}`);
          const existing = store.get(entry.id);
          if (existing?.digest === digest && existing.filePath === filePath) {
            stored.push(existing as Parameters<typeof store.set>[0]); // unchanged: its stored render stands
            continue;
          }
          const r = renderer.render(entry);
          if (!r.ok) {
            refused.push(...r.problems);
            continue;
          }
          const { html, headings, components, images } = r.value;
          stored.push({
            id: entry.id,
            data: entry.data as unknown as Record<string, unknown>,
            body: entry.body,
            filePath,
            digest,
            // Plain data: the page renders the components (src/components/Body.astro).
            rendered: { html, metadata: { headings, components, media: images.map((i) => ({ name: i.name, full: i.full })) } },
          });
        }
        // The renderer's refusals repeat the check's lines (it judges the same bodies): each once.
        const problems = uniqueProblems([...shared.result.errors, ...refused]);
        const prefix = `${path.relative(process.cwd(), root) || '.'}/`;
        // Astro passes a file watcher only to the preview, which shows what it can.
        if (problems.length && !watcher) refuse(problems, prefix);
        const own = problems.filter((p) => p.file.startsWith(`${collection}/`) || (collection === COLLECTIONS[0] && !COLLECTIONS.some((c) => p.file.startsWith(`${c}/`))));
        if (fresh && own.length) logger.warn(`Left out of the preview until fixed:\n${own.map((p) => formatProblem(p, prefix)).join('\n')}`);
        const keep = new Set(stored.map((e) => e.id));
        for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
        for (const entry of stored) store.set(entry);
      };
      await sync(false);
      // The preview: any change in the content folder reads the dossier again.
      if (watcher) {
        watcher.add(root);
        watcher.on('all', (_event, file) => {
          if (path.resolve(file).startsWith(root + path.sep)) void sync(true);
        });
      }
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
