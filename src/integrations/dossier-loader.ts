/**
 * The content layer's loader for one collection of a dossier, in builds.
 *
 * The build has already read, parsed and validated every file: the check in
 * astro:config:setup (src/integrations/dossier.ts) hands its entries over here, in
 * the same process. Astro's glob() loader would read and parse every file a second
 * time (and again on every warm build, before it can tell that nothing changed).
 * This loader stores the checked entries instead, and renders Markdown only for
 * entries whose file changed since the last build, with the renderer glob() uses,
 * so pages and Astro's render() are unchanged. The store stays lean: no second copy
 * of the frontmatter inside the rendered metadata.
 *
 * `npm run dev` keeps glob() (with its file watcher): see src/content.config.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { checkDossier } from '../pipeline/check.ts';
import type { Entry, LoadResult } from '../pipeline/load.ts';
import type { CollectionName } from '../schemas/index.ts';

const SHARED = Symbol.for('dossier.checkedEntries');

/** Called by the integration after its check: the entries the loaders will store. */
export function shareCheckedEntries(result: Pick<LoadResult, 'root' | 'entries'>): void {
  (globalThis as { [SHARED]?: Pick<LoadResult, 'root' | 'entries'> })[SHARED] = result;
}

async function checkedEntries(root: string): Promise<Entry[]> {
  const shared = (globalThis as { [SHARED]?: Pick<LoadResult, 'root' | 'entries'> })[SHARED];
  if (shared?.root === root) return shared.entries;
  // Run without the integration (or for another folder): check here, once for all collections.
  const result = await checkDossier(root);
  shareCheckedEntries(result);
  return result.entries;
}

type RenderFunction = (entry: { id: string; data: Record<string, unknown>; body?: string; filePath?: string; digest?: string }) => Promise<unknown>;

export function dossierLoader(collection: CollectionName, root: string): Loader {
  return {
    name: 'dossier-loader',
    load: async (context: LoaderContext) => {
      // entryTypes and addAssetImports are what glob() itself uses; Astro does not type them publicly.
      const { store, config, generateDigest, logger } = context;
      const { entryTypes } = context as LoaderContext & { entryTypes?: Map<string, { getRenderFunction?: (c: typeof config) => Promise<RenderFunction> }> };
      const assets = store as typeof store & { addAssetImports?: (assets: string[], file: string) => void };
      const entries = (await checkedEntries(root)).filter((e) => e.collection === collection);
      let render: RenderFunction | undefined;
      const untouched = new Set(store.keys());
      for (const entry of entries) {
        untouched.delete(entry.id);
        const full = path.join(root, entry.file);
        const filePath = path.relative(fileURLToPath(config.root), full).split(path.sep).join('/');
        const digest = generateDigest(entry.text ?? `${JSON.stringify(entry.data)}\n${entry.body}`);
        const existing = store.get(entry.id);
        if (existing?.digest === digest && existing.filePath === filePath) {
          // Unchanged: keep the stored render; re-register what glob() re-registers.
          if (existing.deferredRender) store.addModuleImport(existing.filePath);
          if (existing.assetImports?.length) assets.addAssetImports?.(existing.assetImports, existing.filePath!);
          continue;
        }
        const body = entry.body.trim();
        const data = entry.data as unknown as Record<string, unknown>;
        if (entry.file.endsWith('.mdx')) {
          // MDX compiles as a module, as with glob(): Astro renders it on demand.
          store.set({ id: entry.id, data, body, filePath, digest, deferredRender: true });
          continue;
        }
        // glob()'s Markdown renderer (same plugins, images resolved from the file), else the public one.
        render ??= (await entryTypes?.get('.md')?.getRenderFunction?.(config))
          ?? (async ({ body: text }) => context.renderMarkdown(text ?? ''));
        let rendered: { html: string; metadata?: Record<string, unknown> } | undefined;
        try {
          // No frontmatter: the validated data is stored once, in `data`.
          rendered = (await render({ id: entry.id, data: {}, body, filePath: full, digest })) as typeof rendered;
        } catch (error) {
          logger.error(`Error rendering ${entry.file}: ${(error as Error).message}`);
        }
        const imagePaths = rendered?.metadata?.imagePaths as string[] | undefined;
        store.set({ id: entry.id, data, body, filePath, digest, rendered: rendered as never, assetImports: imagePaths });
      }
      for (const id of untouched) store.delete(id);
    },
  };
}
