/**
 * In `npm run dev` only: an entry whose frontmatter fails its schema is left out of the
 * preview (with a one-line warning) instead of stopping the dev server with a stack
 * trace. A contributor restarting the preview with a half-filled entry (as `npm run new`
 * leaves it) keeps a working preview; the entry appears as soon as it is valid.
 * The build is unchanged: it stops on any problem (src/integrations/dossier.ts).
 */
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { z } from 'zod';
import { explainIssue, fieldPath, inertText } from '../domain/problems.ts';

export function tolerantInPreview(loader: Loader, schema: z.ZodTypeAny): Loader {
  return {
    ...loader,
    load: (context: LoaderContext) => {
      // Astro passes a file watcher only to the dev server.
      if (!context.watcher) return loader.load(context);
      const invalid = new Set<string>();
      const parseData: LoaderContext['parseData'] = async (props) => {
        try {
          return await context.parseData(props);
        } catch (error) {
          invalid.add(props.id);
          const file = props.filePath ? path.relative(process.cwd(), props.filePath) : `${context.collection}/${props.id}`;
          // The same plain words as npm run check, not Zod's.
          const parsed = schema.safeParse(props.data);
          const reasons = parsed.success ? [String((error as Error).message)] : parsed.error.issues
            .flatMap((issue) => explainIssue(issue, schema))
            .map((m) => `${fieldPath(m.path) ? `${fieldPath(m.path)}: ` : ''}${m.message}`);
          // File name, fields and values come from content: inert, as in npm run check.
          context.logger.warn(inertText(`${file} is left out of the preview until it is fixed${reasons.length ? `: ${reasons.join('; ')}` : ''} (npm run check lists every problem)`));
          return props.data;
        }
      };
      const store = new Proxy(context.store, {
        get(target, prop, receiver) {
          if (prop === 'set') {
            return (entry: { id: string }) => {
              if (!invalid.delete(entry.id)) return target.set(entry as Parameters<typeof target.set>[0]);
              target.delete(entry.id);
              return false;
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return loader.load({ ...context, parseData, store });
    },
  };
}
