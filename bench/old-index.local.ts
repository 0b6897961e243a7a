/**
 * Builds the Pagefind search index over a built site, through Pagefind's Node API.
 * Each page is read and handed over one at a time, with its Arabic script folded
 * (src/domain/arabic.ts) so that spelling variants meet; the page on disk is left as
 * it is. Only the files the site's search needs are written to <dist>/pagefind/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { foldArabic } from '../src/domain/arabic.ts';
import { fileUrl, walkFiles } from '../src/pipeline/files.ts';

/** Where the index lives in the output, relative to its root. */
export const PAGEFIND_DIR = 'pagefind';

export interface SearchIndexStats {
  pages: number;
  files: number;
  bytes: number;
}

/**
 * The Pagefind files a search needs: not its bundled UIs and highlighter (the site has
 * its own page), nor the WebAssembly of languages the site has no pages in.
 */
export function isNeededIndexFile(name: string, wasmInUse: ReadonlySet<string> = new Set()): boolean {
  if (/^wasm\.[\w-]+\.pagefind$/.test(name)) return wasmInUse.has(name);
  return name === 'pagefind.js' || name === 'pagefind-worker.js' || name === 'pagefind-entry.json'
    || /\.pf_meta$/.test(name) || /^(index|fragment|filter)\/[^/]+\.pf_(index|fragment|filter)$/.test(name);
}

/** The WebAssembly files pagefind-entry.json points at (one per language indexed). */
export function wasmInUse(entryJson: string): Set<string> {
  const entry = JSON.parse(entryJson) as { languages?: Record<string, { wasm?: string | null }> };
  return new Set(Object.values(entry.languages ?? {}).map((l) => `wasm.${l.wasm ?? 'unknown'}.pagefind`));
}

export class SearchIndexError extends Error {}

const IN_FLIGHT = 6;

export async function buildSearchIndex(distDir: string): Promise<SearchIndexStats> {
  const fail = (what: string, errors: string[]) => {
    throw new SearchIndexError(`The search index could not be built (${what}): ${errors.join('; ')}`);
  };
  const created = await pagefind.createIndex({});
  if (!created.index || created.errors.length) fail('starting Pagefind', created.errors);
  const index = created.index!;
  try {
    // A few pages in flight at a time: Pagefind parses them in parallel, and holds
    // only these few. Its output does not depend on the order they arrive in.
    const pages = (function* () {
      for (const rel of walkFiles(distDir)) if (rel.endsWith('.html') && !rel.startsWith(`${PAGEFIND_DIR}/`)) yield rel;
    })();
    const worker = async () => {
      for (let next = pages.next(); !next.done; next = pages.next()) {
        const rel = next.value;
        const content = foldArabic(readFileSync(path.join(distDir, rel), 'utf8'));
        const added = await index.addHTMLFile({ url: fileUrl(rel), content });
        if (added.errors.length) fail(rel, added.errors);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const { files, errors } = await index.getFiles();
    if (errors.length) fail('writing the index', errors);
    const out = path.join(distDir, PAGEFIND_DIR);
    rmSync(out, { recursive: true, force: true });
    // One fragment per indexed page (pages without data-pagefind-body are left out).
    const indexed = files.filter((f) => f.path.startsWith('fragment/')).length;
    let bytes = 0;
    let written = 0;
    const entry = files.find((f) => f.path === 'pagefind-entry.json');
    const wasm = entry ? wasmInUse(new TextDecoder().decode(entry.content)) : new Set<string>();
    for (const f of files) {
      if (!isNeededIndexFile(f.path, wasm)) continue;
      mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
      writeFileSync(path.join(out, f.path), f.content);
      bytes += f.content.length;
      written++;
    }
    return { pages: indexed, files: written, bytes };
  } finally {
    await index.deleteIndex().catch(() => {});
    await pagefind.close();
  }
}
