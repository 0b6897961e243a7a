/**
 * The offline edition's rewriting rules, as pure string functions. Opened from disk
 * (file://), a root-relative URL points at the root of the reader's disk and a link
 * to a directory finds no index.html, so every site URL becomes page-relative and
 * names its file. See /work/shared/notes/offline-file-protocol.md for what file://
 * allows. Pure: no Node or Astro imports.
 */
import { applyEdits, attr, attrValue, elementEnd, VOID_ELEMENTS, type Edit, type ScannedAttr, type ScannedTag } from './html-scan.ts';
import { relativeUrl } from './urls.ts';

const BASE = 'http://offline.invalid';

/** True for URLs that are not paths on this site: a scheme (https:, mailto:, data: …) or protocol-relative. */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

/**
 * The page-relative form of a URL found in the page (or CSS file) at site path
 * `fromPath`, or undefined when it needs no change (external, fragment-only, empty).
 * `isDirectory(sitePath)` tells a directory written without its trailing slash.
 */
export function offlineUrl(url: string, fromPath: string, isDirectory: (sitePath: string) => boolean = () => false): string | undefined {
  const trimmed = url.trim();
  if (!trimmed || trimmed.startsWith('#') || isAbsoluteUrl(trimmed)) return undefined;
  const resolved = resolveSiteUrl(trimmed, fromPath);
  if (!resolved) return undefined;
  let target = resolved.path;
  if (!target.endsWith('/') && isDirectory(decodeURIComponentSafe(target))) target += '/';
  return relativeUrl(fromPath, target + resolved.rest);
}

/** A root-relative path of plain characters, with no empty or dot segment, and maybe a fragment of plain characters. */
const PLAIN_ROOT_URL = /^(\/[\w\-~./]*)(#[\w\-~.:/?=&;,+!$*@()%]+)?$/;

/**
 * What a URL in the page at site path `fromPath` points at, as the URL parser reads it:
 * its path, and its query and fragment as one string; undefined when it is not a URL.
 * A page's links are mostly plain root-relative paths, which the parser would give back
 * unchanged: those skip it (it was a third of the time of making a page's offline copy).
 */
export function resolveSiteUrl(url: string, fromPath: string): { path: string; rest: string } | undefined {
  // A fragment alone points into the page itself.
  const fragmentOnly = url.startsWith('#');
  const plain = PLAIN_ROOT_URL.exec(fragmentOnly ? fromPath + url : url);
  if (plain && (!fragmentOnly || plain[1] === fromPath) && !plain[1].includes('//') && !/\/\.\.?(?=\/|$)/.test(plain[1])) {
    return { path: plain[1], rest: plain[2] ?? '' };
  }
  try {
    const resolved = new URL(url, BASE + fromPath);
    return { path: resolved.pathname, rest: resolved.search + resolved.hash };
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Rewrites each URL of a srcset ("a.png 1x, /b.png 2x"). */
export function offlineSrcset(srcset: string, fromPath: string, isDirectory?: (p: string) => boolean): string {
  return srcset.split(',').map((candidate) => {
    const m = /^(\s*)(\S+)(.*)$/s.exec(candidate);
    if (!m) return candidate;
    return m[1] + (offlineUrl(m[2], fromPath, isDirectory) ?? m[2]) + m[3];
  }).join(',');
}

/**
 * Rewrites root-relative url(…) and @import in CSS. Relative ones already resolve
 * against the stylesheet and are left alone.
 */
export function offlineCss(css: string, fromPath: string): string {
  const fix = (u: string) => (u.startsWith('/') && !u.startsWith('//') ? offlineUrl(u, fromPath) ?? u : u);
  return css
    .replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g, (_m, q: string, u: string) => `url(${q}${fix(u)}${q})`)
    .replace(/@import\s+(['"])([^'"]+)\1/g, (_m, q: string, u: string) => `@import ${q}${fix(u)}${q}`);
}

/** `0; url=/x/` in a meta refresh. */
export function offlineRefresh(content: string, fromPath: string): string {
  return content.replace(/(url\s*=\s*)(['"]?)([^'"\s]+)\2/i, (_m, pre: string, q: string, u: string) => `${pre}${q}${offlineUrl(u, fromPath) ?? u}${q}`);
}

/** The global the offline edition's Pagefind index files register their bytes in. */
export const PAGEFIND_FILES_GLOBAL = 'dossierPagefindFiles';

/**
 * A Pagefind index file as a classic script that registers its bytes (base64)
 * under its path: classic scripts load from file://, fetch() does not.
 */
export function wrapIndexFile(pagefindPath: string, base64: string): string {
  const g = `self.${PAGEFIND_FILES_GLOBAL}`;
  return `(${g}=${g}||{})[${JSON.stringify(pagefindPath)}]="${base64}";\n`;
}

// --- One page's offline copy, on scanned tags (for every page as it is rendered) ---

/** What the offline copy of a page needs to know about the site. */
export interface OfflinePageContext {
  /** Whether a site path written without its trailing slash is a directory. */
  isDirectory: (sitePath: string) => boolean;
  /** The offline edition's file (site-relative, e.g. _astro/x.classic.js) for a module script: by its site path, or its inline code. */
  classicScript: (script: { src: string } | { code: string }, pagePath: string) => string;
  /** The site path of the offline Pagefind bundle, when the site has search. */
  pagefindScript?: string;
  /** The site path of the offline zip (its download link is dropped from the copy). */
  zipPath: string;
  /** Hashes of inline scripts and styles (src/domain/csp.ts sha256). */
  hash: (text: string) => string;
  /** The policy for the copy's hashes (src/domain/csp.ts buildPolicy with offline: true). */
  policy: (hashes: { scripts: string[]; styles: string[]; styleAttributes: string[] }) => string;
  /** The policy's meta tag (src/domain/csp.ts policyMetaTag). */
  policyTag?: (policy: string) => string;
}

/**
 * The web page's own changes to the scanned text (src/domain/csp.ts applyCspScanned),
 * when the copy is made from the page as rendered rather than as published: they go
 * into the copy too, and its policy goes where the web page's went.
 */
export interface WebEdits { edits: Edit[]; policyAt: number }

const OFFLINE_URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'manifest']);
const CLASSIC_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript', 'text/jscript', 'text/livescript', 'application/x-javascript', 'application/x-ecmascript', 'text/x-javascript', 'text/x-ecmascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5']);

/**
 * The offline copy of a page from its scanned tags (src/domain/html-scan.ts): the same
 * rules as the full-parse offlineHtml (src/pipeline/offline.ts), applied as edits to
 * the page's text. Returns the copy and its policy; undefined when the page's policy
 * meta is missing (the full parse handles such a page).
 */
export function offlinePageScanned(html: string, tags: ScannedTag[], pagePath: string, ctx: OfflinePageContext, web?: WebEdits): { html: string; search: boolean } | undefined {
  const linksToZip = (t: ScannedTag) => {
    const href = t.name === 'a' ? attr(t, 'href') : undefined;
    return href !== undefined && !isAbsoluteUrl(href) && resolveSiteUrl(href, pagePath)?.path === ctx.zipPath;
  };
  // First pass: the elements the copy leaves out (by the index of their start tag).
  const dropped = new Set<number>();
  const stack: number[] = [];
  tags.forEach((t, i) => {
    if (t.kind === 'end') {
      if (stack.length && tags[stack[stack.length - 1]].name === t.name) stack.pop();
      return;
    }
    const toZip = linksToZip(t);
    if (attr(t, 'data-online-only') !== undefined || toZip) dropped.add(i);
    if (toZip && stack.length && tags[stack[stack.length - 1]].name === 'li') dropped.add(stack[stack.length - 1]);
    if (t.name === 'link' && (attr(t, 'rel') ?? '').split(/[\t\n\f ]+/).includes('modulepreload')) dropped.add(i);
    if (!(t.selfClosing && (t.inSvg || t.name === 'svg')) && !(VOID_ELEMENTS.has(t.name) && !t.inSvg)) stack.push(i);
  });

  const edits: Edit[] = [];
  const hashes = { scripts: [] as string[], styles: [] as string[], styleAttributes: [] as string[] };
  let needsPagefind = false;
  let firstDeferred: number | undefined;
  let bodyEnd: number | undefined;
  let policyMeta: ScannedAttr | undefined;
  const rewrite = (url: string) => offlineUrl(url, pagePath, ctx.isDirectory) ?? url;
  const setValue = (a: ScannedAttr, value: string) => {
    if (value !== a.value) edits.push({ from: a.valueStart!, to: a.valueEnd!, text: attrValue(value) });
  };
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t.kind === 'end') {
      if (t.name === 'body') bodyEnd = t.start;
      continue;
    }
    if (dropped.has(i)) {
      // Everything up to its end tag goes (in the full parse, its children are never visited).
      const { end, next } = elementEnd(tags, i);
      edits.push({ from: t.start, to: end, text: '' });
      i = next - 1;
      continue;
    }
    if (t.name === 'script') {
      const type = (attr(t, 'type') ?? '').trim().toLowerCase();
      const isModule = attr(t, 'type') === 'module';
      if ((isModule || attr(t, 'defer') !== undefined) && firstDeferred === undefined) firstDeferred = t.start;
      if (isModule) {
        const src = attr(t, 'src');
        const file = ctx.classicScript(src !== undefined ? { src: resolveSiteUrl(src, pagePath)?.path ?? new URL(src, BASE + pagePath).pathname } : { code: t.text ? html.slice(t.text.start, t.text.end) : '' }, pagePath);
        const { end, next } = elementEnd(tags, i);
        edits.push({ from: t.start, to: end, text: `<script defer src="${attrValue(relativeUrl(pagePath, `/${file}`))}"></script>` });
        i = next - 1;
        continue;
      }
      if (attr(t, 'src') === undefined && (CLASSIC_TYPES.has(type) || type === 'module')) hashes.scripts.push(ctx.hash(t.text ? html.slice(t.text.start, t.text.end) : ''));
    }
    if (attr(t, 'data-search-root') !== undefined) needsPagefind = true;
    for (const a of t.attrs) {
      if (a.value === undefined) continue;
      if (OFFLINE_URL_ATTRS.has(a.name)) setValue(a, rewrite(a.value));
      else if (a.name === 'srcset') setValue(a, offlineSrcset(a.value, pagePath, ctx.isDirectory));
      else if (a.name === 'style') {
        const value = a.value.includes('url(') ? offlineCss(a.value, pagePath) : a.value;
        setValue(a, value);
        hashes.styleAttributes.push(ctx.hash(value));
      }
    }
    if (t.name === 'meta') {
      const equiv = (attr(t, 'http-equiv') ?? '').toLowerCase();
      const content = t.attrs.find((a) => a.name === 'content');
      if (equiv === 'refresh' && content?.value !== undefined) setValue(content, offlineRefresh(content.value, pagePath));
      if (equiv === 'content-security-policy' && content?.valueStart !== undefined && !web) policyMeta = content;
    }
    if (t.name === 'style' && t.text) {
      const css = html.slice(t.text.start, t.text.end);
      const out = offlineCss(css, pagePath);
      if (out !== css) edits.push({ from: t.text.start, to: t.text.end, text: out });
      hashes.styles.push(ctx.hash(out));
    }
  }
  if (!policyMeta && !(web && ctx.policyTag)) return undefined;
  if (needsPagefind && ctx.pagefindScript) {
    const at = firstDeferred ?? bodyEnd;
    if (at === undefined) return undefined;
    edits.push({ from: at, to: at, text: `<script defer src="${attrValue(relativeUrl(pagePath, ctx.pagefindScript))}"></script>` });
  }
  if (web && ctx.policyTag) {
    // The web page's changes, but none inside what the copy leaves out or replaces.
    const cut = edits.filter((e) => e.to > e.from);
    edits.push(...web.edits.filter((w) => !cut.some((c) => w.from > c.from && w.to <= c.to)));
    edits.push({ from: web.policyAt, to: web.policyAt, text: ctx.policyTag(ctx.policy(hashes)) });
  } else {
    edits.push({ from: policyMeta!.valueStart!, to: policyMeta!.valueEnd!, text: attrValue(ctx.policy(hashes)) });
  }
  return { html: applyEdits(html, edits), search: Boolean(needsPagefind && ctx.pagefindScript) };
}
