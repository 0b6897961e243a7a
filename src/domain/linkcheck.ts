/**
 * A link checker over a built site: every internal link (a, area, link, img, script,
 * source, iframe, form action) must name a file that exists, and every #anchor an
 * element id on the target page. Pure: it is handed the files; reading dist/ is the
 * caller's job.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';

export interface SiteFile {
  /** Path relative to the site root, forward slashes: index.html, actors/x/index.html, data/a.csv. */
  path: string;
  /** The text of HTML files (others need only exist). */
  html?: string;
}

export interface BrokenLink {
  /** The page's path (as in SiteFile.path). */
  page: string;
  /** The link as written. */
  href: string;
  reason: string;
}

export interface LinkCheckOptions {
  /** The published address: links starting with it (canonical, og:url) are checked as internal. */
  siteUrl?: string;
  /** Root-relative paths made by later build steps (e.g. the offline zip): not required to exist. */
  ignore?: string[];
}

const LINK_ATTRS: Record<string, string> = {
  a: 'href', area: 'href', link: 'href', img: 'src', script: 'src', source: 'src', iframe: 'src', form: 'action',
};
const BASE = 'http://site.invalid';

/** The URL path a file is served at: actors/x/index.html → /actors/x/. */
export function pagePath(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

interface ParsedPage {
  ids: Set<string>;
  links: string[];
}

function parsePage(html: string): ParsedPage {
  const ids = new Set<string>();
  const links: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      const el = node as Element;
      const id = el.properties.id;
      if (typeof id === 'string' && id) ids.add(id);
      if (el.tagName === 'a' && typeof el.properties.name === 'string') ids.add(el.properties.name);
      const attr = LINK_ATTRS[el.tagName];
      // hast names properties in camelCase-free lowercase for these attributes.
      const value = attr ? el.properties[attr] : undefined;
      if (typeof value === 'string') links.push(value);
      if (el.tagName === 'template' && el.content) walk(el.content);
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(fromHtml(html));
  return { ids, links };
}

export function checkLinks(files: SiteFile[], options: LinkCheckOptions = {}): BrokenLink[] {
  const exists = new Set(files.map((f) => f.path));
  const ignore = new Set(options.ignore ?? []);
  const pages = new Map<string, ParsedPage>();
  for (const f of files) if (f.html !== undefined) pages.set(f.path, parsePage(f.html));
  const siteUrl = options.siteUrl?.replace(/\/+$/, '');
  const broken: BrokenLink[] = [];

  for (const [page, parsed] of pages) {
    for (const href of parsed.links) {
      let written = href.trim();
      if (siteUrl && (written === siteUrl || written.startsWith(`${siteUrl}/`))) written = written.slice(siteUrl.length) || '/';
      let url: URL;
      try {
        url = new URL(written, BASE + pagePath(page));
      } catch {
        broken.push({ page, href, reason: 'is not a valid URL' });
        continue;
      }
      if (url.origin !== BASE) continue; // another site, mailto:, data: …
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        broken.push({ page, href, reason: 'has a malformed %-escape' });
        continue;
      }
      if (ignore.has(path)) continue;
      let target = path.slice(1);
      if (target === '' || target.endsWith('/')) target += 'index.html';
      if (!exists.has(target)) {
        const reason = exists.has(`${target}/index.html`) ? 'names a folder without its trailing slash' : 'points to a page or file that does not exist';
        broken.push({ page, href, reason });
        continue;
      }
      const fragment = url.hash.slice(1);
      if (!fragment || fragment.startsWith(':~:')) continue;
      const targetPage = pages.get(target);
      let anchor = fragment;
      try { anchor = decodeURIComponent(fragment); } catch { /* keep as written */ }
      if (!targetPage) broken.push({ page, href, reason: 'has an #anchor, but the target is not an HTML page' });
      else if (!targetPage.ids.has(anchor)) broken.push({ page, href, reason: `has no element with id "${anchor}" on ${pagePath(target)}` });
    }
  }
  return broken;
}

/** One line per broken link, for a readable test failure. */
export function formatBrokenLinks(list: BrokenLink[]): string {
  return list.map((b) => `${b.page}: ${b.href} ${b.reason}`).join('\n');
}
