/** Reading built pages in tests: parse with hast, find elements, read text. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';
import type { SiteFile } from '../../src/domain/linkcheck.ts';

export function parse(html: string): Root {
  return fromHtml(html);
}

/** Every element matching the predicate, in document order. */
export function findAll(node: Nodes, match: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'element' && match(n)) out.push(n);
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(node);
  return out;
}

export const byTag = (tag: string) => (el: Element) => el.tagName === tag;
/** The text of a node, whitespace collapsed (scripts and styles left out). */
export function text(node: Nodes): string {
  const parts: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'text') parts.push(n.value);
    else if (n.type === 'element' && (n.tagName === 'script' || n.tagName === 'style')) return;
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
/** The raw text inside an element (e.g. a script's JSON). */
export const rawText = (el: Element) => el.children.map((c) => (c.type === 'text' ? c.value : '')).join('');

/** An attribute as a string; hast names them in camelCase (className, ariaLabelledBy). */
export const attr = (el: Element, name: string) => {
  const v = el.properties[name];
  return Array.isArray(v) ? v.join(' ') : v === undefined ? undefined : String(v);
};

/** Every file of a built site, HTML with its text. */
export function readSite(dist: string): SiteFile[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dist, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort()
    .map((f) => (f.endsWith('.html') ? { path: f, html: readFileSync(path.join(dist, f), 'utf8') } : { path: f }));
}

export function readPage(dist: string, urlPath: string): Root {
  const file = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
  return parse(readFileSync(path.join(dist, file), 'utf8'));
}
