/** A dossier written to a temp folder, loaded and indexed like a build does (for unit tests of views). */
import { EntryIndex, ReferenceGraph, type EntryLike } from '../../src/domain/references.ts';
import { loadDossier } from '../../src/pipeline/load.ts';
import { COLLECTIONS, type CollectionName } from '../../src/schemas/index.ts';
import { makeDossier } from './dossier.ts';

export async function indexed(files: Record<string, string>, base = true) {
  const result = await loadDossier(makeDossier(files, base));
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`test dossier has problems: ${errors.map((p) => `${p.file} ${p.field ?? ''} ${p.message}`).join('; ')}`);
  const entries: EntryLike[] = result.entries.map((e) => ({ collection: e.collection, id: e.id, data: e.data, body: e.body }));
  const index = new EntryIndex(entries);
  const all = Object.fromEntries(COLLECTIONS.map((c) => [c, entries.filter((e) => e.collection === c).sort((a, b) => a.id.localeCompare(b.id))])) as { [C in CollectionName]: EntryLike<C>[] };
  return { index, graph: new ReferenceGraph(index), all, site: result.site, root: result.root };
}

/** Frontmatter + body as a Markdown file. */
export const md = (frontmatter: string, body = '') => `---\n${frontmatter.trim()}\n---\n${body}\n`;
