/**
 * The Content-Security-Policy of a built page, and the last look at its markup.
 * Pure: HTML text in, HTML text out. Used after the build (src/integrations/csp.ts),
 * and again by any later step that rewrites pages (the offline edition), since
 * every inline script or style changes the hashes.
 *
 * Policy (one meta tag per page, right after <meta charset>):
 *   default-src 'self'; script-src 'self' 'wasm-unsafe-eval' <hashes of this page's
 *   inline scripts>; style-src 'self' <hashes of inline <style> and, with
 *   'unsafe-hashes', of style="" attributes>; img-src 'self' data:; font-src 'self';
 *   connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';
 *   frame-src 'none'
 * 'wasm-unsafe-eval' lets search (Pagefind) compile its WebAssembly; it allows no
 * JavaScript eval. data: images are for images the project generates (maps, charts).
 *
 * The same pass gives external links without a rel rel="noopener noreferrer", and
 * refuses what no policy should have to catch: inline event-handler attributes,
 * javascript: URLs, resources loaded from another site, external links whose rel
 * lacks noopener/noreferrer.
 */
import { createHash } from 'node:crypto';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse } from 'parse5';
import { applyEdits, attr, scanTags, type Edit, type ScannedTag } from './html-scan.ts';
import { normaliseUrl, urlScheme } from './url-policy.ts';

export interface CspOptions {
  /**
   * For pages opened from disk (file://). Chromium treats 'self' on a file: page as
   * file: URLs, so the same policy works; this adds `file:` explicitly for browsers
   * that give each file an opaque origin (Firefox), where 'self' matches nothing.
   */
  offline?: boolean;
}

export interface CspResult {
  html: string;
  /** The policy written into the page. */
  policy: string;
  /** Things in the page that must not be published (plain words). */
  problems: string[];
}

/** Script types a browser executes (others, like application/ld+json, are data). */
const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript', 'text/jscript', 'text/livescript', 'application/x-javascript', 'application/x-ecmascript', 'text/x-javascript', 'text/x-ecmascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5']);
const URL_PROPS = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'cite', 'background', 'xLinkHref', 'ping'];
const RESOURCE_LINK_RELS = new Set(['stylesheet', 'icon', 'preload', 'modulepreload', 'prefetch', 'manifest', 'apple-touch-icon', 'mask-icon', 'preconnect', 'dns-prefetch']);

export const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function textOf(node: Element): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
}

function walk(node: Root | RootContent, fn: (el: Element) => void) {
  if (node.type === 'element') fn(node);
  if ('children' in node) for (const child of node.children) walk(child, fn);
  if (node.type === 'element' && node.tagName === 'template' && node.content) walk(node.content, fn);
}

const isRemote = (url: string) => /^(?:https?:)?[\\/]{2}/i.test(normaliseUrl(url));

export function buildPolicy(hashes: { scripts: string[]; styles: string[]; styleAttributes: string[] }, options: CspOptions = {}): string {
  const self = options.offline ? "'self' file:" : "'self'";
  const uniq = (list: string[]) => [...new Set(list)].sort();
  const styleHashes = uniq([...hashes.styles, ...hashes.styleAttributes]);
  return [
    `default-src ${self}`,
    `script-src ${[self, "'wasm-unsafe-eval'", ...uniq(hashes.scripts)].join(' ')}`,
    `style-src ${[self, ...(hashes.styleAttributes.length ? ["'unsafe-hashes'"] : []), ...styleHashes].join(' ')}`,
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${self}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${self}`,
    "frame-src 'none'",
  ].join('; ');
}

/** What the policy of a page depends on, and what must not be published, found in its tree. */
export interface PageInspection {
  hashes: { scripts: string[]; styles: string[]; styleAttributes: string[] };
  problems: string[];
  /** The page's existing CSP meta elements. */
  policies: Element[];
  /** External links without a rel (where, in a tree with positions, rel="noopener noreferrer" goes). */
  relless: Element[];
  charset?: Element;
  head?: Element;
}

/** Walks a page's tree once: hashes of inline scripts and styles, and unsafe constructs. */
export function inspectPage(tree: Root): PageInspection {
  const found: PageInspection = { hashes: { scripts: [], styles: [], styleAttributes: [] }, problems: [], policies: [], relless: [] };
  const { hashes, problems } = found;
  walk(tree, (el) => {
    const p = el.properties ?? {};
    const tag = el.tagName;
    if (tag === 'head' && !found.head) found.head = el;
    if (tag === 'meta' && p.charSet !== undefined && !found.charset) found.charset = el;
    if (tag === 'meta' && String(p.httpEquiv ?? '').toLowerCase() === 'content-security-policy') found.policies.push(el);
    if (tag === 'script' && p.src === undefined && EXECUTABLE_TYPES.has(String(p.type ?? '').trim().toLowerCase())) {
      hashes.scripts.push(sha256(textOf(el)));
    }
    if (tag === 'style') hashes.styles.push(sha256(textOf(el)));
    for (const [name, value] of Object.entries(p)) {
      if (/^on[a-z]/i.test(name)) problems.push(`<${tag} ${name.toLowerCase()}="…">: inline event handlers are not allowed (and the page's policy would block them); attach the handler in a script`);
      if (name === 'style' && typeof value === 'string') hashes.styleAttributes.push(sha256(value));
    }
    for (const name of URL_PROPS) {
      const value = p[name];
      if (typeof value !== 'string') continue;
      const scheme = urlScheme(value);
      if (scheme === 'javascript' || scheme === 'vbscript') problems.push(`<${tag} ${name}="${value.slice(0, 40)}">: ${scheme}: URLs are not allowed`);
    }
    const rels = (Array.isArray(p.rel) ? p.rel : []).map((r) => String(r).toLowerCase());
    // External links never tell the other site where the reader came from, nor get a handle on this page.
    if (tag === 'a' && typeof p.href === 'string' && isRemote(p.href)) {
      if (p.rel === undefined) found.relless.push(el);
      else if (!rels.includes('noopener') || !rels.includes('noreferrer')) problems.push(`<a href="${p.href.slice(0, 60)}" rel="${rels.join(' ')}">: an external link needs rel="noopener noreferrer"`);
    }
    const loads = (tag === 'link' && rels.some((r) => RESOURCE_LINK_RELS.has(r)) && typeof p.href === 'string' ? [p.href] : [])
      .concat(['script', 'img', 'iframe', 'frame', 'embed', 'video', 'audio', 'source', 'track', 'input'].includes(tag) && typeof p.src === 'string' ? [p.src] : [])
      .concat(tag === 'object' && typeof p.data === 'string' ? [p.data] : []);
    for (const url of loads) {
      if (isRemote(url)) problems.push(`<${tag}> loads ${url.slice(0, 60)} from another site: every file must come from this site (readers' privacy, offline edition)`);
    }
  });
  return found;
}

/**
 * For a page tree that is about to be serialised (the offline edition): sets the
 * content of its CSP meta tags to the policy of the tree as it now is. Returns the
 * problems; a page without a policy is left as it is.
 */
export function securePageTree(tree: Root, options: CspOptions = {}): { policy?: string; problems: string[] } {
  const found = inspectPage(tree);
  if (!found.policies.length) return { problems: found.problems };
  const policy = buildPolicy(found.hashes, options);
  for (const el of found.policies) el.properties.content = policy;
  const problems = [...found.problems];
  for (const a of found.relless) problems.push(`<a href="${String(a.properties.href).slice(0, 60)}">: an external link needs rel="noopener noreferrer"`);
  return { policy, problems };
}

/** Adds (or replaces) the page's CSP meta tag, and lists what must not be published. */
export function applyCsp(html: string, options: CspOptions = {}): CspResult {
  return applyCspQuickly(html, options) ?? applyCspWithPositions(html, options);
}

const CHARSET_META = /<meta\s+charset\s*=\s*"?[\w-]+"?\s*\/?>/i;
/** Before the charset meta, nothing that could hide a tag from a plain text search. */
const HIDES_MARKUP = /<!--|<script|<style|<template|<textarea|<title|<noscript|<xmp|<plaintext/i;

/**
 * The common case, about twice as fast: a page with no policy yet and no external
 * link to fix gets its policy right after its leading <meta charset>, found as text.
 * Parsing without source positions is what saves the time; anything else goes the
 * positional way.
 */
function applyCspQuickly(html: string, options: CspOptions): CspResult | undefined {
  const m = CHARSET_META.exec(html);
  if (!m || m.index > 4096 || HIDES_MARKUP.test(html.slice(0, m.index))) return undefined;
  const found = inspectPage(fromParse5(parse(html)) as Root);
  if (found.policies.length || found.relless.length || !found.charset) return undefined;
  const policy = buildPolicy(found.hashes, options);
  const at = m.index + m[0].length;
  return { html: html.slice(0, at) + policyMeta(policy) + html.slice(at), policy, problems: found.problems };
}

const policyMeta = (policy: string) => `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;

function applyCspWithPositions(html: string, options: CspOptions): CspResult {
  const tree = fromHtml(html);
  const { hashes, problems, policies, relless, charset, head } = inspectPage(tree);
  const cuts = policies.filter((el) => el.position).map((el) => ({ from: el.position!.start.offset!, to: el.position!.end.offset! }));
  const inserts = relless.filter((el) => el.position?.start.offset !== undefined).map((el) => ({ at: el.position!.start.offset! + 2, text: ' rel="noopener noreferrer"' }));

  const policy = buildPolicy(hashes, options);
  const meta = policyMeta(policy);
  let at: number | undefined;
  if (charset?.position?.end.offset !== undefined) at = charset.position.end.offset;
  else if (head?.position?.start.offset !== undefined) at = html.indexOf('>', head.position.start.offset) + 1;
  if (at === undefined || at <= 0) {
    problems.push('the page has no <head>: the security policy cannot be added');
    return { html, policy, problems };
  }
  // One pass of edits from the end, so earlier offsets stay valid: old policies out
  // (a page processed twice keeps exactly one), the new one and rel attributes in.
  const edits = [
    ...cuts.map((c) => ({ from: c.from, to: c.to, text: '' })),
    ...inserts.map((i) => ({ from: i.at, to: i.at, text: i.text })),
    { from: at, to: at, text: meta },
  ].sort((a, b) => b.from - a.from || b.to - a.to);
  let out = html;
  for (const e of edits) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return { html: out, policy, problems };
}

// --- The same, on scanned tags (src/domain/html-scan.ts): for every page as it is rendered ---

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'cite', 'background', 'xlink:href', 'ping'];
const LOADS_SRC = new Set(['script', 'img', 'iframe', 'frame', 'embed', 'video', 'audio', 'source', 'track', 'input']);

/** What the policy of a page depends on, and what must not be published, from its scanned tags: the same findings as inspectPage. */
export interface ScannedInspection {
  hashes: { scripts: string[]; styles: string[]; styleAttributes: string[] };
  problems: string[];
  policies: ScannedTag[];
  relless: ScannedTag[];
  charset?: ScannedTag;
  head?: ScannedTag;
}

export function inspectScanned(html: string, tags: ScannedTag[]): ScannedInspection {
  const found: ScannedInspection = { hashes: { scripts: [], styles: [], styleAttributes: [] }, problems: [], policies: [], relless: [] };
  const { hashes, problems } = found;
  for (const t of tags) {
    if (t.kind !== 'start') continue;
    const tag = t.name;
    if (tag === 'head' && !found.head) found.head = t;
    if (tag === 'meta' && attr(t, 'charset') !== undefined && !found.charset) found.charset = t;
    if (tag === 'meta' && (attr(t, 'http-equiv') ?? '').toLowerCase() === 'content-security-policy') found.policies.push(t);
    if (tag === 'script' && attr(t, 'src') === undefined && EXECUTABLE_TYPES.has((attr(t, 'type') ?? '').trim().toLowerCase())) {
      hashes.scripts.push(sha256(t.text ? html.slice(t.text.start, t.text.end) : ''));
    }
    if (tag === 'style') hashes.styles.push(sha256(t.text ? html.slice(t.text.start, t.text.end) : ''));
    // Most tags have no attribute the scan took apart (html-scan.ts): nothing more to look at.
    if (!t.attrs.length) continue;
    for (const a of t.attrs) {
      if (/^on[a-z]/i.test(a.name)) problems.push(`<${tag} ${a.name}="…">: inline event handlers are not allowed (and the page's policy would block them); attach the handler in a script`);
      if (a.name === 'style') hashes.styleAttributes.push(sha256(a.value ?? ''));
    }
    for (const name of URL_ATTRS) {
      const value = attr(t, name);
      if (value === undefined) continue;
      const scheme = urlScheme(value);
      if (scheme === 'javascript' || scheme === 'vbscript') problems.push(`<${tag} ${name === 'xlink:href' ? 'xLinkHref' : name === 'formaction' ? 'formAction' : name}="${value.slice(0, 40)}">: ${scheme}: URLs are not allowed`);
    }
    const relValue = attr(t, 'rel');
    const rels = relValue === undefined ? [] : relValue.toLowerCase().split(/[\t\n\f\r ]+/).filter(Boolean);
    const href = attr(t, 'href');
    if (tag === 'a' && href !== undefined && isRemote(href)) {
      if (relValue === undefined) found.relless.push(t);
      else if (!rels.includes('noopener') || !rels.includes('noreferrer')) problems.push(`<a href="${href.slice(0, 60)}" rel="${rels.join(' ')}">: an external link needs rel="noopener noreferrer"`);
    }
    const loads: string[] = [];
    if (tag === 'link' && rels.some((r) => RESOURCE_LINK_RELS.has(r)) && href !== undefined) loads.push(href);
    if (LOADS_SRC.has(tag) && attr(t, 'src') !== undefined) loads.push(attr(t, 'src')!);
    if (tag === 'object' && attr(t, 'data') !== undefined) loads.push(attr(t, 'data')!);
    for (const url of loads) {
      if (isRemote(url)) problems.push(`<${tag}> loads ${url.slice(0, 60)} from another site: every file must come from this site (readers' privacy, offline edition)`);
    }
  }
  return found;
}

/**
 * applyCsp on scanned tags, for a page as it is rendered: undefined when the page
 * needs a full parse (scanTags gave up), and then applyCsp does the work.
 */
export function applyCspScanned(html: string, options: CspOptions = {}): (CspResult & { tags: ScannedTag[]; edits: Edit[]; policyAt?: number }) | undefined {
  const tags = scanTags(html);
  if (!tags) return undefined;
  const { hashes, problems, policies, relless, charset, head } = inspectScanned(html, tags);
  const policy = buildPolicy(hashes, options);
  const at = charset ? charset.end : head ? head.end : undefined;
  if (at === undefined) return { html, policy, problems: [...problems, 'the page has no <head>: the security policy cannot be added'], tags, edits: [] };
  // Apart from the policy itself: what a later copy of the page (the offline one) makes too.
  const edits: Edit[] = [
    ...policies.map((p) => ({ from: p.start, to: p.end, text: '' })),
    ...relless.map((a) => ({ from: a.start + 2, to: a.start + 2, text: ' rel="noopener noreferrer"' })),
  ];
  return { html: applyEdits(html, [...edits, { from: at, to: at, text: policyMeta(policy) }]), policy, problems, tags, edits, policyAt: at };
}

/** The meta tag of a policy. */
export const policyMetaTag = (policy: string) => policyMeta(policy);
