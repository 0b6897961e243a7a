/**
 * The offline edition's rewriting rules, as pure string functions. Opened from disk
 * (file://), a root-relative URL points at the root of the reader's disk and a link
 * to a directory finds no index.html, so every site URL becomes page-relative and
 * names its file. See /work/shared/notes/offline-file-protocol.md for what file://
 * allows. Pure: no Node or Astro imports.
 */
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
  let resolved: URL;
  try {
    resolved = new URL(trimmed, BASE + fromPath);
  } catch {
    return undefined;
  }
  let target = resolved.pathname;
  if (!target.endsWith('/') && isDirectory(decodeURIComponentSafe(target))) target += '/';
  return relativeUrl(fromPath, target + resolved.search + resolved.hash);
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
