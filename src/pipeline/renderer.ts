/**
 * The build's renderer for a checked dossier: every entry's body through the one
 * Markdown/MDX pipeline (render-body.ts), with the links, images and components of
 * this dossier. The build's content loader uses it; so do the tests that hold the
 * build to the check's verdict. Nothing here writes a file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LinkTarget } from '../integrations/remark-dossier.ts';
import type { Problem } from '../domain/problems.ts';
import { contentComponents } from './body-check.ts';
import { bodyProblems, type CheckResult } from './check.ts';
import { imageResolver } from './images.ts';
import type { Entry } from './load.ts';
import { codeFingerprint } from './page-cache.ts';
import { renderBody, type RenderedBody } from './render-body.ts';

export interface DossierRenderer {
  /**
   * Changes whenever anything a render depends on besides the entry's own file
   * changes: the project's code and lockfile, the entries' ids and labels, the content
   * components, the site's address, the image files. Stored renders are keyed on it.
   */
  digest: string;
  render(entry: Entry): { ok: true; value: RenderedBody } | { ok: false; problems: Problem[] };
}

export function dossierRenderer(result: Pick<CheckResult, 'index' | 'site' | 'inventory'>): DossierRenderer {
  const table = new Map<string, LinkTarget>();
  for (const [key, entry] of result.index.byKey) table.set(key, { collection: entry.collection, id: entry.id, label: result.index.label(entry.collection, entry.id) });
  const resolve = (written: string): LinkTarget | undefined => {
    const r = result.index.resolve(written);
    return r.ok ? table.get(`${r.collection}/${r.id}`) : undefined;
  };
  const components = contentComponents();
  const links = createHash('sha256').update(JSON.stringify([...table.values()])).digest('hex');
  // Images by their paths and bytes (not their times: a fresh checkout, as in CI, gives every
  // file a new one, and every stored render would be made again).
  const images = [...(result.inventory?.images ?? [])].map(([file, i]) => `${file}:${createHash('sha256').update(readFileSync(i.full)).digest('hex')}`).join('\n');
  const digest = codeFingerprint('render', links, components.join(), result.site.siteUrl ?? '', result.site.language, images).slice(0, 16);
  return {
    digest,
    render(entry) {
      const r = renderBody(entry.body, { mdx: entry.file.endsWith('.mdx'), firstLine: entry.bodyFirstLine, entryFile: entry.file }, {
        components, resolve, images: imageResolver(result.inventory!, entry.file), ids: result.index, siteUrl: result.site.siteUrl, language: result.site.language,
      });
      return r.ok ? r : { ok: false, problems: bodyProblems(entry, r.issues) };
    },
  };
}
