/**
 * Builds the Pagefind search index from the dossier's data, through Pagefind's Node
 * API: one record per entry page (src/domain/search.ts searchDocument), from the build's
 * reading and rendered bodies (readingDocuments), so no built page is read or parsed.
 * The index is made in memory before the pages are (makeSearchIndex: Pagefind's process
 * then runs beside a smaller build process, and has ended before the pages start), and
 * only the files the site's search needs are written to <dist>/pagefind/ once the site
 * is (writeSearchIndex); the offline edition wraps those same files.
 *
 * Fold for matching, show what was written: a record's content and title are the
 * entry's text as written (the result's title and snippet come from them); the folded
 * forms of the words folding changes (Arabic-script variants, transliteration
 * apostrophes, the Arabic article: src/domain/search-text.ts) are indexed beside them
 * as metadata that is matched but never shown. Names (meta name, names) are stored
 * folded: they only rank and lift results.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { CustomRecord } from 'pagefind';
import { searchDocument, type SearchDocument } from '../domain/search.ts';
import type { EntryLike } from '../domain/references.ts';
import { asSentence, foldText, otherForms } from '../domain/search-text.ts';
import { readPackFile, writePackFile } from './pack-file.ts';
import { SHARD_SIZE, shardCount, shardDir, shardOf } from '../domain/search-shards.ts';

/** Where the index lives in the output, relative to its root. */
export const PAGEFIND_DIR = 'pagefind';

export interface SearchIndexStats {
  pages: number;
  files: number;
  bytes: number;
}

/**
 * The Pagefind files a search needs: not its bundled UIs and highlighter (the site has
 * its own page), nor the WebAssembly of languages the site has no pages in. Paths below
 * pagefind/: a shard's data may be in s1/, s2/… (src/domain/search-shards.ts).
 */
export function isNeededIndexFile(name: string, wasmInUse: ReadonlySet<string> = new Set()): boolean {
  if (/^wasm\.[\w-]+\.pagefind$/.test(name)) return wasmInUse.has(name);
  if (name === 'pagefind.js' || name === 'pagefind-worker.js') return true;
  return /^(s\d+\/)?(pagefind-entry\.json|[^/]+\.pf_meta|(index|fragment|filter)\/[^/]+\.pf_(index|fragment|filter))$/.test(name);
}

/** The WebAssembly files pagefind-entry.json points at (one per language indexed). */
export function wasmInUse(entryJson: string): Set<string> {
  const entry = JSON.parse(entryJson) as { languages?: Record<string, { wasm?: string | null }> };
  return new Set(Object.values(entry.languages ?? {}).map((l) => `wasm.${l.wasm ?? 'unknown'}.pagefind`));
}

export class SearchIndexError extends Error {}

const IN_FLIGHT = 64;

/** What the index is made from: the site's language and every entry's document. */
export interface SearchDocuments {
  language: string;
  documents: SearchDocument[];
}

/**
 * Every entry's document, from the build's reading (src/pipeline/shared-reading.ts): its
 * data as checked and its body as rendered. Every entry has a page, so every entry is indexed.
 */
export function readingDocuments(entries: readonly Pick<EntryLike, 'collection' | 'id' | 'data'>[], htmlOf: (key: string) => string | undefined): SearchDocument[] {
  return entries.map((e) => {
    const html = htmlOf(`${e.collection}/${e.id}`);
    if (html === undefined) throw new SearchIndexError(`The search index could not be built: ${e.collection}/${e.id} has no rendered body in this build.`);
    return searchDocument({ ...e, html });
  });
}

/** A name folded, then its other forms (an Arabic name without its article), each once. */
function nameForms(name: string): string[] {
  const folded = foldText(name);
  return [folded, ...otherForms(name).filter((f) => f !== folded && !folded.split(' ').includes(f))];
}

/** The Pagefind record of one entry. */
export function pagefindRecord(doc: SearchDocument, language: string): CustomRecord {
  const meta: Record<string, string> = { ...doc.meta, title: doc.title };
  // Folded: matched and compared (liftExactNames), never shown.
  const names = doc.names.flatMap(nameForms);
  if (meta.name) {
    const [folded, ...more] = nameForms(meta.name);
    meta.name = folded;
    names.unshift(...more);
  }
  if (names.length) meta.names = [...new Set(names)].join(' · ');
  else delete meta.names;
  const forms = otherForms([doc.title, doc.text, ...doc.facts].join(' '));
  if (forms.length) meta.forms = forms.join(' ');
  return {
    url: doc.url,
    // The facts follow the prose as sentences: Pagefind matches a quoted phrase in the
    // content only, and a result found by a fact (a reading's note) shows it. An entry
    // with neither is found by its title.
    content: [doc.text, ...doc.facts.map(asSentence)].filter(Boolean).join(' ') || doc.title,
    language,
    meta,
    filters: doc.filters,
    sort: doc.sort,
  };
}

/** An index made in memory: the files the site's search needs, by path below pagefind/. */
export interface MadeSearchIndex {
  pages: number;
  /** How many Pagefind indexes the entries are in (src/domain/search-shards.ts). */
  shards: number;
  /** `kept`: the file of a shard kept from the last build, the same bytes as that build's. */
  files: { path: string; content: Uint8Array; kept?: boolean }[];
  /** Shards taken from the last build's (the same records, the same code and Pagefind). */
  kept: number;
}

/** The cache file of a shard: the first shard's is the file named, the others' beside it. */
function shardCacheFile(cacheFile: string, shard: number): string {
  return shard === 0 ? cacheFile : cacheFile.replace(/(\.pack)?$/, `.s${shard}$1`);
}

/**
 * Makes the index of the documents, in shards of about `shardSize` entries. With a cache
 * file, a shard of the last build is kept when its records are the same: Pagefind cannot
 * change an index in part, so a change makes its shard again (2 s for 2,500 entries),
 * not the whole index (7 s at 10,000).
 */
export async function makeSearchIndex(input: SearchDocuments, cacheFile?: string, shardSize = SHARD_SIZE): Promise<MadeSearchIndex> {
  const fail = (what: string, errors: string[]) => {
    throw new SearchIndexError(`The search index could not be built (${what}): ${errors.join('; ')}`);
  };
  // Sorted by address: the index does not depend on the order entries were read in.
  const documents = [...input.documents].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const shards = shardCount(documents.length, shardSize);
  const byShard: { documents: SearchDocument[]; records: CustomRecord[] }[] = Array.from({ length: shards }, () => ({ documents: [], records: [] }));
  for (const doc of documents) {
    const s = byShard[shardOf(doc.url, shards)];
    s.documents.push(doc);
    s.records.push(pagefindRecord(doc, input.language));
  }
  const codeHash = cacheFile ? codeKey() : undefined;
  const files: MadeSearchIndex['files'] = [];
  let kept = 0;
  let started = false;
  try {
    for (const [shard, { documents: docs, records }] of byShard.entries()) {
      const file = cacheFile ? shardCacheFile(cacheFile, shard) : undefined;
      const key = codeHash ? recordsKey(codeHash, `${shard}/${shards}`, records) : undefined;
      let made = file && key ? readPack(file, key) : undefined;
      if (made) {
        kept++;
        for (const f of made) f.kept = true;
      } else {
        started = true;
        made = await indexShard(docs, records, shard, fail);
        if (file && key) writePack(file, key, made);
      }
      files.push(...made);
    }
  } finally {
    if (started) await pagefind.close();
  }
  return { pages: documents.length, shards, files, kept };
}

/** One shard's Pagefind index: its files, below the index's folder (search-shards.ts shardDir). */
async function indexShard(documents: SearchDocument[], records: CustomRecord[], shard: number, fail: (what: string, errors: string[]) => never): Promise<MadeSearchIndex['files']> {
  const created = await pagefind.createIndex({});
  if (!created.index || created.errors.length) fail('starting Pagefind', created.errors);
  const index = created.index!;
  try {
    // Many records in flight: each is a round trip to Pagefind's process, which indexes
    // them in parallel; its output does not depend on the order they arrive in.
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const i = next++;
        const added = await index.addCustomRecord(records[i]);
        if (added.errors.length) fail(documents[i].url, added.errors);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const { files, errors } = await index.getFiles();
    if (errors.length) fail('writing the index', errors);
    const entry = files.find((f) => f.path === 'pagefind-entry.json');
    // The other shards are merged into the first by its script and WebAssembly.
    const wasm = entry && shard === 0 ? wasmInUse(new TextDecoder().decode(entry.content)) : new Set<string>();
    const dir = shardDir(shard);
    return files
      .filter((f) => isNeededIndexFile(f.path, wasm) && (shard === 0 || !/\.js$/.test(f.path)))
      .map((f) => ({ path: dir + f.path, content: f.content }));
  } finally {
    await index.deleteIndex().catch(() => {});
  }
}

/** This module's code and the lockfile (Pagefind's version): a change to either makes every shard again. */
function codeKey(): Hash {
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  const lock = path.join(fileURLToPath(new URL('../../', import.meta.url)), 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash;
}

/** What a shard is made from: the code, which shard of how many, and its records. */
function recordsKey(code: Hash, shard: string, records: CustomRecord[]): string {
  const hash = code.copy().update(shard);
  for (const r of records) hash.update('\0').update(JSON.stringify(r));
  return hash.digest('hex');
}

/** The cache file: a pack (pack-file.ts) of the files, its header the key and the files' paths. */
function writePack(file: string, key: string, files: MadeSearchIndex['files']): void {
  try {
    writePackFile(file, { key, paths: files.map((f) => f.path) }, files.map((f) => f.content));
  } catch {
    // A cache that cannot be written costs the next build time, not correctness. The last
    // one goes: a kept shard's files are taken to be the last output's (write-aside.ts).
    rmSync(file, { force: true });
  }
}

function readPack(file: string, key: string): MadeSearchIndex['files'] | undefined {
  const pack = readPackFile<{ key: string; paths: string[] }>(file);
  if (pack?.header.key !== key || pack.header.paths.length !== pack.parts.length) return undefined;
  return pack.parts.map((content, i) => ({ path: pack.header.paths[i], content }));
}

/** What a made index holds, for the build's log. */
export function indexStats(made: MadeSearchIndex): SearchIndexStats {
  return { pages: made.pages, files: made.files.length, bytes: made.files.reduce((n, f) => n + f.content.length, 0) };
}

/** Writes a made index into <dist>/pagefind/, replacing what was there. */
export function writeSearchIndex(distDir: string, made: MadeSearchIndex): SearchIndexStats {
  const out = path.join(distDir, PAGEFIND_DIR);
  rmSync(out, { recursive: true, force: true });
  for (const f of made.files) {
    mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
    writeFileSync(path.join(out, f.path), f.content);
  }
  return indexStats(made);
}

/**
 * Puts an index written aside (src/pipeline/write-aside.ts) into <dist>/pagefind/ at once, by
 * renaming its folder; writes the files there instead when the rename cannot be done (the
 * folder aside is on another disk).
 */
export function placeSearchIndex(distDir: string, aside: string, made: MadeSearchIndex): SearchIndexStats {
  const out = path.join(distDir, PAGEFIND_DIR);
  rmSync(out, { recursive: true, force: true });
  try {
    renameSync(aside, out);
  } catch {
    rmSync(aside, { recursive: true, force: true });
    return writeSearchIndex(distDir, made);
  }
  return indexStats(made);
}

export async function buildSearchIndex(distDir: string, input: SearchDocuments, shardSize = SHARD_SIZE): Promise<SearchIndexStats> {
  return writeSearchIndex(distDir, await makeSearchIndex(input, undefined, shardSize));
}
