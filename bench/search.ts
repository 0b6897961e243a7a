/**
 * Search speed in Chromium: open /search/ of a built dossier over HTTP, submit a first
 * query and wait for a result (this loads the search code and index: "index load"),
 * then submit a second, different query and time, inside the page, from submitting
 * to the first result link appearing; then the same typed (with the page's typing
 * debounce); then a set of name queries (actor names, aliases, place names, native
 * names of the first entries: nameQuerySet), each timed the same way with the index
 * loaded, noting whether the entry named comes first. Skips with a plain note when the build has no /search/ page or no
 * search box; never invents a figure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, serveDir } from '../test/helpers/browser.ts';
import type { GeneratedDossier } from './generate.ts';

export interface SearchResult {
  measured: boolean;
  note?: string;
  /** From the first keystroke to the first result of the first query (includes loading the index). */
  indexLoadMs?: number;
  /** From submitting a second query (Enter) to its first result, the index already loaded. */
  firstResultMs?: number;
  /** The same when typed: includes the search page's typing debounce. */
  typedMs?: number;
  query?: string;
  /**
   * The name query set, each timed like firstResultMs (index loaded): actor names,
   * aliases (transliterations, misspellings), place names and Arabic native names,
   * taken from the first entries of the generated dossier.
   */
  nameQueries?: NameQuery[];
  /** Median and slowest of nameQueries, in ms. */
  nameMedianMs?: number;
  nameMaxMs?: number;
  /** How many of nameQueries put the entry named first. */
  nameFirstRight?: number;
}

export interface NameQuery {
  q: string;
  kind: 'actor name' | 'alias' | 'place name' | 'native name';
  expected: string;
  ms: number | null;
  first: string | null;
}

const ENTRY_LINK = /\/(actors|places|events|sources)\//;

/**
 * Runs in the page: sets the focused search box to q, submits the form (or sends an
 * input event, as typing does), and resolves with the milliseconds until a new link
 * to an entry appears outside the header, navigation and footer (null on timeout).
 */
const IN_PAGE = `async ({ q, how, pattern, timeoutMs, withHref }) => {
  const field = document.activeElement;
  const before = new Set(document.querySelectorAll('a[href]'));
  const re = new RegExp(pattern);
  const fresh = () => Array.from(document.querySelectorAll('a[href]')).find((a) => !before.has(a) && re.test(a.getAttribute('href')) && !a.closest('header, nav, footer'));
  const found = () => !!fresh();
  const started = performance.now();
  field.value = q;
  if (how === 'submit' && field.form) field.form.requestSubmit(); else field.dispatchEvent(new Event('input', { bubbles: true }));
  return await new Promise((resolve) => {
    let timer;
    const observer = new MutationObserver(() => { if (found()) done(performance.now() - started); });
    function done(v) { observer.disconnect(); clearTimeout(timer); resolve(withHref ? [v, fresh()?.getAttribute('href') ?? null] : v); }
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    timer = setTimeout(() => done(null), timeoutMs);
    if (found()) done(performance.now() - started);
  });
}`;

export async function measureSearch(dist: string, dossier: GeneratedDossier): Promise<SearchResult> {
  if (!existsSync(path.join(dist, 'search/index.html'))) return { measured: false, note: 'not measured: no /search/ page in this build' };
  const name = (file: string) => /^(?:name|title): (".*"|.*)$/m.exec(dossier.files.get(file)!)![1].replace(/^"|"$/g, '');
  const keys = [...dossier.files.keys()];
  const warmUp = name(keys.find((k) => k.startsWith('actors/'))!).split(' ').slice(0, 2).join(' ');
  const query = name(keys.find((k) => k.startsWith('places/') && !/country/.test(dossier.files.get(k)!))!).split(' ')[0];
  const server = await serveDir(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/`, { waitUntil: 'load' });
    // The search page's own box (the header has one too, which leads here).
    let input = page.locator('main input[type="search"]').first();
    if (!(await input.count())) input = page.locator('input[type="search"]').last();
    if (!(await input.count())) return { measured: false, note: 'not measured: the /search/ page has no search box' };
    await page.waitForLoadState('networkidle');
    await input.focus();
    // Plain JavaScript text: tsx's helpers must not leak into the page.
    const timeQuery = (q: string, how: 'submit' | 'input') => page.evaluate(`(${IN_PAGE})(${JSON.stringify({ q, how, pattern: ENTRY_LINK.source, timeoutMs: 20_000 })})`) as Promise<number | null>;
    const indexLoadMs = (await timeQuery(warmUp, 'submit')) ?? undefined;
    if (indexLoadMs === undefined) return { measured: false, note: `not measured: no result appeared within 20 s for "${warmUp}"` };
    await page.evaluate(() => { const f = document.activeElement as HTMLInputElement; f.value = ''; f.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForTimeout(500);
    const firstResultMs = (await timeQuery(query, 'submit')) ?? undefined;
    if (firstResultMs === undefined) return { measured: false, indexLoadMs, note: `not measured: no result appeared within 20 s for "${query}"` };
    await page.evaluate(() => { const f = document.activeElement as HTMLInputElement; f.value = ''; f.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForTimeout(500);
    const publisher = /^publisher: "(.*)"$/m.exec(dossier.files.get(keys.find((k) => k.startsWith('sources/'))!)!)![1];
    const typedMs = (await timeQuery(publisher.split(' ').at(-1)!, 'input')) ?? undefined;
    const nameQueries: NameQuery[] = [];
    for (const n of nameQuerySet(dossier)) {
      await page.evaluate(() => { const f = document.activeElement as HTMLInputElement; f.value = ''; f.dispatchEvent(new Event('input', { bubbles: true })); });
      await page.waitForTimeout(300);
      const [ms, first] = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify({ q: n.q, how: 'submit', pattern: ENTRY_LINK.source, timeoutMs: 20_000, withHref: true })})`)) as [number | null, string | null];
      nameQueries.push({ ...n, ms, first });
    }
    const times = nameQueries.map((n) => n.ms ?? Infinity).sort((a, b) => a - b);
    return {
      measured: true, indexLoadMs, firstResultMs, typedMs, query, nameQueries,
      nameMedianMs: times[Math.floor(times.length / 2)], nameMaxMs: times.at(-1),
      nameFirstRight: nameQueries.filter((n) => n.first === n.expected).length,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Names, aliases, places and native names of the first entries (see NameQuery). */
export function nameQuerySet(dossier: GeneratedDossier): Omit<NameQuery, 'ms' | 'first'>[] {
  const out: Omit<NameQuery, 'ms' | 'first'>[] = [];
  const field = (text: string, re: RegExp) => re.exec(text)?.[1]?.replace(/^"|"$/g, '');
  const entries = (collection: string) => [...dossier.files].filter(([k]) => k.startsWith(`${collection}/`)).slice(0, 4);
  for (const [collection, kind] of [['actors', 'actor name'], ['places', 'place name']] as const) {
    for (const [file, text] of entries(collection)) {
      const expected = `/${file.replace(/\.mdx?$/, '')}/`;
      out.push({ q: field(text, /^name: (".*"|.*)$/m)!, kind, expected });
      const alias = field(text, /- \{ name: (".*?"|[^,]*), kind: (?:transliteration|misspelling)/);
      if (alias) out.push({ q: alias, kind: 'alias', expected });
    }
  }
  for (const [file, text] of entries('actors').slice(0, 2)) {
    const native = field(text, /^nativeName: \{ text: (".*?"|[^,]*), lang/m);
    if (native) out.push({ q: native, kind: 'native name', expected: `/${file.replace(/\.mdx?$/, '')}/` });
  }
  return out;
}
