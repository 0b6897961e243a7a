/**
 * The search page, on Pagefind's JS API. The query and filters live in the URL
 * (?q=…&type=…), updated as you type, so a search can be shared and the back button
 * returns to it. Works over http(s) (Pagefind imported as a module) and from disk in
 * the offline edition (Pagefind provided by a classic script as window.dossierPagefind).
 * No top-level await and no import of a variable path at load: this file is also
 * re-bundled as a classic script.
 */
import { relativeUrl } from '../domain/urls.ts';
import { isoSortKey, liftExactNames } from '../domain/search.ts';
import { MergeInOrder, SHARD_FILTER } from '../domain/search-shards.ts';
import { buildSnippet, hitPositions, searchTerms, type SnippetPart } from '../domain/search-text.ts';

interface PagefindResultData {
  url: string;
  /** The entry's text as written, with < and > escaped. */
  content: string;
  /** Positions (in content split at spaces) of the words the engine matched. */
  locations: number[];
  meta: Record<string, string | undefined>;
}
interface PagefindResponse {
  results: { id: string; score: number; data: () => Promise<PagefindResultData> }[];
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}
export interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, o?: { filters?: Record<string, string | { any: string[] }>; sort?: Record<string, string> }): Promise<PagefindResponse | null>;
  preload(term: string, o?: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
}

/** Results to show, given out a page at a time. */
interface ResultSource {
  readonly remaining: number;
  take(n: number): Promise<PagefindResultData[]>;
}

/** Results in the order the engine gave them. */
function inOrder(results: PagefindResponse['results']): ResultSource {
  const rest = results.slice();
  return {
    get remaining() { return rest.length; },
    take: (n) => Promise.all(rest.splice(0, n).map((r) => r.data())),
  };
}

/**
 * Results of several shards (src/domain/search-shards.ts), each in date order, merged in
 * that order: Pagefind orders each index's results by its own positions, which do not
 * compare across indexes.
 */
function inDateOrder(lists: PagefindResponse['results'][], direction: string): ResultSource {
  const key = (d: PagefindResultData) => isoSortKey(d.meta.datetime ?? '');
  return new MergeInOrder(lists, (items) => Promise.all(items.map((r) => r.data())),
    direction === 'desc' ? (a, b) => key(a) > key(b) : (a, b) => key(a) < key(b));
}

declare global {
  interface Window { dossierPagefind?: PagefindApi }
}

/**
 * Ranking for a dossier: a match on an actor's or place's name or alias (metadata
 * written by src/pipeline/search-index.ts) counts far more than a headline that
 * repeats it; the folded forms of the text's words count as the text does.
 */
export const RANKING = { metaWeights: { title: 3, name: 10, names: 10, forms: 1 } };

/** Words in a snippet. */
const SNIPPET_WORDS = 30;

const PAGE_SIZE = 20;
/**
 * Results shown first, as soon as their data has loaded (each is a small file): the
 * rest of the first page follows below them. Names rank high in the engine already
 * (RANKING), so the lift of exact names over these few puts the entity named first.
 * One more per shard merged: scores compare less well across indexes (at 10,000
 * entries in 7 shards, "Iraq" ranked 6th among places named "Iraq 20", "Iraq 14"…).
 */
const FIRST_BATCH = 5;
const PARAMS = ['q', 'type', 'kind', 'year', 'sort'] as const;
type Params = Record<(typeof PARAMS)[number], string>;

/** A snippet as DOM (hits in <mark>), never as HTML. */
export function snippetNodes(parts: readonly SnippetPart[], doc: Document = document): Node[] {
  return parts.map((p) => {
    if (!p.mark) return doc.createTextNode(p.text);
    const m = doc.createElement('mark');
    m.textContent = p.text;
    return m;
  });
}

/** Pagefind escapes < and > in the content it stores. */
const unescapeContent = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** Pagefind filters and sort from the page's parameters. */
export function searchOptions(p: Params) {
  const filters: Record<string, string> = {};
  if (p.type) filters.type = p.type;
  if (p.kind && p.type === 'actor') filters.kind = p.kind;
  if (p.year) filters.year = p.year;
  const sort: Record<string, string> = {};
  const m = /^(\w+):(asc|desc)$/.exec(p.sort);
  if (m) sort[m[1]] = m[2];
  return { filters, sort };
}

function withoutType(filters: Record<string, string>): Record<string, string> {
  const { type: _type, ...rest } = filters;
  return rest;
}

export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-search-root]');
  if (!form) return;
  // With 'search:first-result' below: how long search itself takes, apart from loading the page.
  performance.mark('search:start');
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = document.getElementById('search-status')!;
  const list = document.getElementById('search-results') as HTMLOListElement;
  const more = document.getElementById('search-more') as HTMLButtonElement;
  const pagePath = form.dataset.pagePath ?? '/search/';
  const offline = location.protocol === 'file:';
  // The index's other shards, merged into the first (src/domain/search-shards.ts).
  const shards = (form.dataset.pagefindShards ?? '').split(' ').filter(Boolean);

  let pagefind: Promise<PagefindApi> | undefined;
  const loadPagefind = (): Promise<PagefindApi> => {
    pagefind ??= (async () => {
      const api: PagefindApi = window.dossierPagefind
        ?? await import(/* @vite-ignore */ new URL(form.dataset.pagefind!, location.href).href);
      const options = { ranking: RANKING, excerptLength: 24 };
      // Each shard's results carry its number, so one shard can be asked alone (inDateOrder).
      await api.options(shards.length ? { ...options, mergeFilter: { [SHARD_FILTER]: '0' } } : options);
      await api.init();
      // From disk Pagefind's base is /pagefind/, which the offline fetch maps to the files.
      const base = offline ? '/pagefind/' : new URL('./', new URL(form.dataset.pagefind!, location.href)).pathname;
      await Promise.all(shards.map((dir, i) => api.mergeIndex(base + dir, { ...options, mergeFilter: { [SHARD_FILTER]: String(i + 1) } })));
      return api;
    })();
    return pagefind;
  };

  const read = (): Params => {
    const data = new FormData(form);
    return Object.fromEntries(PARAMS.map((k) => [k, String(data.get(k) ?? '').trim()])) as Params;
  };
  const write = (p: Params) => {
    for (const k of PARAMS) {
      const field = form.elements.namedItem(k);
      if (field instanceof RadioNodeList) {
        for (const r of Array.from(field) as HTMLInputElement[]) r.checked = r.value === p[k];
      } else if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = p[k];
    }
  };
  const fromUrl = (): Params => {
    const q = new URLSearchParams(location.search);
    return Object.fromEntries(PARAMS.map((k) => [k, q.get(k) ?? ''])) as Params;
  };
  /** Keeps the address bar in step without adding a history entry per keystroke. */
  const syncUrl = (p: Params) => {
    const url = new URL(location.href);
    for (const k of PARAMS) {
      if (p[k]) url.searchParams.set(k, p[k]);
      else url.searchParams.delete(k);
    }
    if (url.href === location.href) return;
    try { history.replaceState(history.state, '', url.href); } catch { /* some browsers refuse it on file:// */ }
  };
  const href = (url: string) => (offline && url.startsWith('/') ? relativeUrl(pagePath, url) : url);

  let generation = 0;
  let pending: ResultSource = inOrder([]);
  let firstResultShown = false;

  let typed = '';
  const renderMore = async (gen: number, query = '', size = PAGE_SIZE) => {
    let data = await pending.take(size);
    if (gen !== generation) return;
    // The first page lifts exact name and alias matches to the top.
    if (query) data = liftExactNames(query, data);
    for (const d of data) list.append(resultItem(d, typed));
    more.hidden = pending.remaining === 0;
    if (!firstResultShown && data.length) {
      firstResultShown = true;
      performance.mark('search:first-result');
    }
  };

  const resultItem = (d: PagefindResultData, query: string): HTMLLIElement => {
    const li = document.createElement('li');
    li.className = 'search-result';
    const a = document.createElement('a');
    a.href = href(d.url);
    a.className = 'search-result-title';
    a.textContent = d.meta.title ?? d.url;
    const h = document.createElement('h2');
    h.append(a);
    const info = document.createElement('p');
    info.className = 'search-result-meta';
    const type = document.createElement('span');
    type.className = 'search-result-type';
    type.textContent = [d.meta.type, d.meta.kind && d.meta.kind !== d.meta.type ? d.meta.kind : ''].filter(Boolean).join(' · ');
    info.append(type);
    if (d.meta.date) {
      const t = document.createElement('time');
      // A <time> holds one date: the start of a period (or its end when open at the start).
      if (d.meta.datetime) {
        const [start, end] = d.meta.datetime.replace(/^~/, '').split('/');
        t.dateTime = start && start !== '..' ? start : end;
      }
      t.textContent = d.meta.date;
      info.append(' · ', t);
    }
    if (d.meta.publisher) info.append(` · ${d.meta.publisher}`);
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result-excerpt';
    // Cut from the text as written, with the hits marked, whatever spelling found them.
    const text = unescapeContent(d.content ?? '');
    excerpt.append(...snippetNodes(buildSnippet(text, hitPositions(text, query, d.locations ?? []), SNIPPET_WORDS)));
    li.append(h, info, excerpt);
    return li;
  };

  const updateCounts = (counts: Record<string, number> | null) => {
    let all = 0;
    for (const el of form.querySelectorAll<HTMLElement>('[data-count-for]')) {
      const v = el.dataset.countFor!;
      if (!v) continue;
      all += counts?.[v] ?? 0;
      el.textContent = counts ? ` (${counts[v] ?? 0})` : '';
    }
    const everything = form.querySelector<HTMLElement>('[data-count-for=""]');
    if (everything) everything.textContent = counts ? ` (${all})` : '';
  };

  const run = async (p: Params) => {
    const gen = ++generation;
    list.replaceChildren();
    more.hidden = true;
    pending = inOrder([]);
    const term = searchTerms(p.q);
    typed = p.q;
    const options = searchOptions(p);
    const filtered = Object.keys(options.filters).length > 0;
    if (!term && !filtered) {
      status.textContent = '';
      updateCounts(null);
      return;
    }
    status.textContent = 'Searching…';
    try {
      const api = await loadPagefind();
      if (gen !== generation) return;
      // Each type choice shows how many results it would give with the other filters as
      // they are: Pagefind counts filter values only when a filter is applied, so the
      // counting search asks for "any type".
      const types = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="type"]'), (r) => r.value).filter(Boolean);
      const counted = await api.search(term || null, { ...options, filters: { ...withoutType(options.filters), type: { any: types } } });
      // Sorted across shards: each shard is asked alone below, not all of them merged.
      const byShard = Boolean(options.sort.date && shards.length);
      const res = p.type && !byShard ? await api.search(term || null, options) : counted;
      if (gen !== generation || !res) return;
      updateCounts(counted?.filters.type ?? null);
      if (byShard) {
        const lists = await Promise.all(['0', ...shards.map((_, i) => String(i + 1))].map((shard) =>
          api.search(term || null, { ...options, filters: { ...options.filters, [SHARD_FILTER]: shard } })));
        if (gen !== generation) return;
        pending = inDateOrder(lists.map((l) => l?.results ?? []), options.sort.date);
      } else pending = inOrder(res.results);
      const n = pending.remaining;
      const first = FIRST_BATCH + shards.length;
      await renderMore(gen, p.sort ? '' : p.q, first);
      if (gen !== generation) return;
      await renderMore(gen, p.sort ? '' : p.q, PAGE_SIZE - first);
      if (gen !== generation) return;
      // Announced once the results are on the page.
      const what = p.q ? `“${p.q}”` : 'these filters';
      status.textContent = n === 0 ? `No results for ${what}.` : `${n} result${n === 1 ? '' : 's'} for ${what}.`;
    } catch (err) {
      if (gen !== generation) return;
      status.textContent = `Search could not run: ${(err as Error).message}`;
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = (delay: number) => {
    const p = read();
    syncUrl(p);
    clearTimeout(timer);
    timer = setTimeout(() => void run(p), delay);
  };

  form.addEventListener('input', (e) => onChange(e.target === input ? 120 : 0));
  form.addEventListener('change', (e) => { if (e.target !== input) onChange(0); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onChange(0);
  });
  more.addEventListener('click', () => {
    const first = list.children.length;
    void renderMore(generation).then(() => (list.children[first]?.querySelector('a') as HTMLElement | null)?.focus());
  });
  window.addEventListener('popstate', () => {
    const p = fromUrl();
    write(p);
    void run(p);
  });
  // The back button may restore this page from the cache with the form as the reader left it.
  window.addEventListener('pageshow', (e) => { if (e.persisted) void run(read()); });

  // Keyboard: ↓ from the box to the results, ↑/↓ between them, Escape back to the box.
  const links = () => Array.from(list.querySelectorAll<HTMLAnchorElement>('a.search-result-title'));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' && i < all.length - 1) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (i === 0 ? input : all[i - 1]).focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
  });

  const initial = fromUrl();
  write(initial);
  if (initial.q || initial.type || initial.year) void run(read());
  // Warm up Pagefind while the reader types the first letters.
  input.addEventListener('focus', () => void loadPagefind().catch(() => {}), { once: true });
  if (!initial.q) input.focus();
}
