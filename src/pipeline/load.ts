/**
 * Reads a dossier from disk once: every entry parsed and validated against its
 * schema, with problems that name file, line and field. No Astro imports: the
 * checker, the build and the tests all start here.
 */
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { foldLookalikes, lookalikeOf, slugify } from '../domain/suggest.ts';
import { firstNonText } from '../domain/text-chars.ts';
import { dossierErrorMap, explainIssue, fieldPath, type Problem } from '../domain/problems.ts';
import { schemas, type CollectionName, type DataOf } from '../schemas/index.ts';
import { ID_PATTERN } from '../schemas/shared.ts';
import { siteSchema, type SiteConfig } from '../schemas/site.ts';
import { ENTRY_EXTENSIONS, inventoryContent, readPlainFile, SITE_FILE, type ContentInventory } from './content-files.ts';
import { locate, MAX_FILE_BYTES, parseFrontmatter, parseYaml, splitFrontmatter, type ParsedYaml } from './frontmatter.ts';

export interface Entry<C extends CollectionName = CollectionName> {
  collection: C;
  id: string;
  /** Path relative to the content root, with forward slashes. */
  file: string;
  data: DataOf[C];
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyFirstLine: number;
  /** Where each frontmatter field path is, for problems found later (references). */
  locate: (path: (string | number)[]) => { line: number; column: number };
  /** The whole file as read: the build's content cache keys rendered Markdown on it. */
  text?: string;
}

/** An entry whose frontmatter parsed as YAML but failed its schema: raw data, still cross-checked. */
export interface PartialEntry extends Omit<Entry, 'data'> {
  data: Record<string, unknown>;
}

export interface LoadResult {
  root: string;
  /** Every file of the content folder (src/pipeline/content-files.ts); absent when the folder is. */
  inventory?: ContentInventory;
  site: SiteConfig;
  entries: Entry[];
  /** Entries with schema errors (already reported): their references are still checked. */
  partial: PartialEntry[];
  /** Entry files that could not be read at all (reported once): references to them are not "unknown". */
  unreadable: string[];
  problems: Problem[];
}

export const CONTENT_EXTENSIONS = ENTRY_EXTENSIONS;
export { SITE_FILE };

/** The content root: DOSSIER_CONTENT_DIR, else ./content, resolved against cwd. */
export function contentRoot(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.DOSSIER_CONTENT_DIR || 'content');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function loadDossier(root: string): Promise<LoadResult> {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const partial: PartialEntry[] = [];
  const unreadable: string[] = [];
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return { root, site: siteSchema.parse({}), entries, partial, unreadable, problems: [{ file: '.', severity: 'error', message: `the content folder ${root} does not exist (set DOSSIER_CONTENT_DIR to a dossier folder)` }] };
  }
  // Walks the folder (links, hidden and stray files reported there) under its real path.
  const inventory = inventoryContent(root);
  problems.push(...inventory.problems);
  const site = inventory.site ? loadSite(inventory.site, problems) : siteSchema.parse({});
  const seen = new Map<string, string>();
  for (const { collection, rel, file, full } of inventory.entries) {
    const id = rel.slice(0, -path.extname(rel).length);
    const key = `${collection}/${id}`;
    if (!ID_PATTERN.test(id)) {
      problems.push({ file, severity: 'error', message: idProblem(id) });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ file, severity: 'error', message: `duplicate id "${id}": ${seen.get(key)} has the same id; rename one of them` });
      continue;
    }
    seen.set(key, file);
    const entry = loadEntry(collection, id, file, full, problems);
    if (entry?.valid) entries.push(entry.entry);
    else if (entry) partial.push(entry.entry);
    else unreadable.push(`${collection}/${id}`);
  }
  return { root, inventory, site, entries, partial, unreadable, problems };
}

function idProblem(id: string): string {
  const odd = [...id].filter((ch) => !/[a-z0-9-]/.test(ch));
  const shown = [...new Set(odd)].map((ch) => {
    if (/[\x21-\x7e]/.test(ch)) return `"${ch}"`;
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const latin = lookalikeOf(ch);
    return latin ? `${code}, a non-Latin letter that looks like "${latin}"` : code;
  }).join(', ');
  const slug = slugify(foldLookalikes(id));
  if (id.includes('/')) return `entries may not be in sub-folders: move it up to its collection folder`;
  return `the file name "${id}" is not a valid id: use lowercase a-z, 0-9 and single hyphens${shown ? ` (found ${shown})` : ''}.${slug && slug !== id && ID_PATTERN.test(slug) ? ` Did you mean "${slug}"?` : ''}`;
}

/** The dossier's settings (dossier.yml), defaults where absent or invalid. */
export function loadSiteConfig(root: string): SiteConfig {
  const file = path.join(root, SITE_FILE);
  // A link is never read (the check reports it): it could point at any file on the machine.
  if (!existsSync(file) || !lstatSync(file).isFile()) return siteSchema.parse({});
  return loadSite(file, []);
}

function loadSite(file: string, problems: Problem[]): SiteConfig {
  const text = readFileSync(file, 'utf8');
  const notText = firstNonText(text);
  if (notText) {
    problems.push({ file: SITE_FILE, line: notText.line, severity: 'error', message: `the file contains ${notText.code}, a code that is not a text character (line ${notText.line}): remove it` });
    return siteSchema.parse({});
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    problems.push({ file: SITE_FILE, line: parsed.line, severity: 'error', message: parsed.message });
    return siteSchema.parse({});
  }
  const result = siteSchema.safeParse(parsed.value.data, { error: dossierErrorMap });
  if (result.success) return result.data;
  pushIssues(result.error, siteSchema, SITE_FILE, parsed.value, 1, problems);
  return siteSchema.parse({});
}

function loadEntry(collection: CollectionName, id: string, file: string, full: string, problems: Problem[]):
  { valid: true; entry: Entry } | { valid: false; entry: PartialEntry } | undefined {
  const size = lstatSync(full).size; // the inventory listed it as a plain file, not a link
  if (size > MAX_FILE_BYTES) {
    problems.push({ file, severity: 'error', message: `the file is ${Math.ceil(size / 1024)} KB; entries may be at most ${MAX_FILE_BYTES / 1024} KB (split it into several entries)` });
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = readPlainFile(full, MAX_FILE_BYTES);
  } catch {
    problems.push({ file, severity: 'error', message: 'the file cannot be read as a plain file (was it replaced while being checked?)' });
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, bad).toString('latin1').split('\n').length;
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? '; it looks like UTF-16' : '';
    problems.push({ file, line, severity: 'error', message: `the file is not UTF-8 text (invalid byte 0x${bytes[bad]?.toString(16).padStart(2, '0')} at byte ${bad}${utf16}): save it as UTF-8` });
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const notText = firstNonText(text);
  if (notText) {
    problems.push({ file, line: notText.line, severity: 'error', message: `the file contains ${notText.code}, a code that is not a text character (line ${notText.line}): remove it` });
    return undefined;
  }
  const split = splitFrontmatter(text);
  if (!split.ok) {
    problems.push({ file, line: split.line, severity: 'error', message: split.message });
    return undefined;
  }
  const { yaml, yamlFirstLine, body, bodyFirstLine } = split.value;
  const parsed = parseFrontmatter(yaml);
  if (!parsed.ok) {
    problems.push({ file, line: parsed.line !== undefined ? parsed.line + yamlFirstLine - 1 : undefined, column: parsed.column, severity: 'error', message: parsed.message });
    return undefined;
  }
  const schema = schemas[collection] as z.ZodType<Entry['data']>;
  const result = schema.safeParse(parsed.data, { error: dossierErrorMap });
  const base = { collection, id, file, body, bodyFirstLine, text, locate: (p: (string | number)[]) => locate(parsed.positions(), p, yamlFirstLine) };
  if (!result.success) {
    pushIssues(result.error, schema, file, parsed.positions(), yamlFirstLine, problems);
    return { valid: false, entry: { ...base, data: parsed.data } };
  }
  return { valid: true, entry: { ...base, data: result.data } };
}

function pushIssues(error: z.ZodError, schema: z.ZodType, file: string, parsed: ParsedYaml, firstLine: number, problems: Problem[]) {
  for (const issue of error.issues) {
    for (const { path: p, message } of explainIssue(issue, schema)) {
      problems.push({ file, ...locate(parsed, p, firstLine), field: fieldPath(p) || undefined, message, severity: 'error' });
    }
  }
}

/** Offset of the first byte that breaks UTF-8, to tell the contributor where. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >> 5 === 6 ? 1 : c >> 4 === 14 ? 2 : c >> 3 === 30 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || b[i + k] >> 6 !== 2) return i;
    i += n + 1;
  }
  return 0;
}
