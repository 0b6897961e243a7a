/**
 * The offline copy of one page: what makes a built page work opened from disk
 * (file://). The edition around it (zip, search index, workers) is offline-edition.ts.
 *
 *   every site URL page-relative, naming index.html (src/domain/offline.ts);
 *   module scripts re-bundled as classic scripts (`<script defer src>`, which keeps
 *   their order), modulepreload dropped, [data-online-only] and the edition's own
 *   download link dropped; a page with a CSP gets its policy written again for the
 *   page as changed, with file: (src/domain/csp.ts).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { fromParse5 } from 'hast-util-from-parse5';
import { toHtml } from 'hast-util-to-html';
import { parse } from 'parse5';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { securePageTree } from '../domain/csp.ts';
import { isAbsoluteUrl, offlineCss, offlineRefresh, offlineSrcset, offlineUrl } from '../domain/offline.ts';
import { relativeUrl } from '../domain/urls.ts';
import { PAGEFIND_DIR } from './search-index.ts';

import { OFFLINE_PAGEFIND, OFFLINE_ZIP } from './offline-names.ts';

export { OFFLINE_FOLDER, OFFLINE_PAGEFIND, OFFLINE_ZIP } from './offline-names.ts';

const CLIENT_DIR = fileURLToPath(new URL('../client/offline/', import.meta.url));

/** Attributes that hold one URL, by hast property name. */
const URL_PROPS = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'xLinkHref', 'manifest'] as const;

export interface OfflineStats {
  /** Entries in the zip. */
  files: number;
  /** HTML pages. */
  pages: number;
  /** Pages taken from the cache (unchanged since the last build). */
  fromCache: number;
  /** Pages whose copy was made as they were rendered (src/pipeline/render-time.ts). */
  rendered?: number;
  /** Size of the zip in bytes. */
  zipBytes: number;
  /** Compressed bytes of the search index and its bundle in the zip. */
  searchBytes: number;
}

export class OfflineError extends Error {}

export interface HtmlContext {
  isDirectory: (sitePath: string) => boolean;
  scripts: Pick<ScriptBundler, 'external' | 'inline'>;
  hasSearch: boolean;
}

/** One page of the offline edition. */
export async function offlineHtml(html: string, pagePath: string, ctx: HtmlContext): Promise<string> {
  // parse5 without source positions: several times faster than hast-util-from-html, which tracks them.
  const tree = fromParse5(parse(html)) as Root;
  const jobs: Promise<void>[] = [];
  let needsPagefind = false;
  let hasCsp = false;
  let firstDeferred: { parent: Element | Root; node: Element } | undefined;

  const rewrite = (value: unknown) => (typeof value === 'string' ? offlineUrl(value, pagePath, ctx.isDirectory) ?? value : value);

  const visit = (parent: Element | Root) => {
    const kept: (RootContent | ElementContent)[] = [];
    for (const node of parent.children) {
      if (node.type !== 'element') {
        kept.push(node);
        continue;
      }
      const p = node.properties;
      if (p.dataOnlineOnly !== undefined) continue;
      // The edition doesn't contain itself: its download link (and the list item around it) goes.
      if (linksToZip(node, pagePath) || (node.tagName === 'li' && node.children.some((c) => c.type === 'element' && linksToZip(c, pagePath)))) continue;
      if (node.tagName === 'link' && Array.isArray(p.rel) && p.rel.includes('modulepreload')) continue;
      if (p.dataSearchRoot !== undefined) needsPagefind = true;
      for (const name of URL_PROPS) if (name in p) p[name] = rewrite(p[name]) as string;
      if (typeof p.srcSet === 'string') p.srcSet = offlineSrcset(p.srcSet, pagePath, ctx.isDirectory);
      if (typeof p.style === 'string' && p.style.includes('url(')) p.style = offlineCss(p.style, pagePath);
      if (node.tagName === 'meta' && metaTag(node, pagePath).csp) hasCsp = true;
      if (node.tagName === 'style') {
        for (const c of node.children) if (c.type === 'text') c.value = offlineCss(c.value, pagePath);
      }
      if (node.tagName === 'script') {
        const isModule = p.type === 'module';
        if (isModule) jobs.push(classicScript(node, pagePath, ctx.scripts));
        if ((isModule || p.defer !== undefined) && !firstDeferred) firstDeferred = { parent, node };
      }
      visit(node);
      kept.push(node);
    }
    parent.children = kept as typeof parent.children;
  };
  visit(tree);
  await Promise.all(jobs);

  if (needsPagefind && ctx.hasSearch) {
    const tag: Element = { type: 'element', tagName: 'script', properties: { defer: true, src: relativeUrl(pagePath, `/${OFFLINE_PAGEFIND}`) }, children: [] };
    if (firstDeferred) {
      const siblings = firstDeferred.parent.children as ElementContent[];
      siblings.splice(siblings.indexOf(firstDeferred.node), 0, tag);
    } else {
      findElement(tree, 'body')?.children.push(tag);
    }
  }
  if (hasCsp) {
    // The page had a policy (src/integrations/csp.ts ran before this step): write it again
    // for the page as it now is (its inline scripts and styles), allowing file: as well.
    const secured = securePageTree(tree, { offline: true });
    if (secured.problems.length) throw new OfflineError(`The offline copy of ${pagePath} fails the security policy: ${secured.problems.join('; ')}`);
  }
  return toHtml(tree);
}

function linksToZip(node: Element, pagePath: string): boolean {
  const href = node.properties.href;
  return node.tagName === 'a' && typeof href === 'string' && !isAbsoluteUrl(href)
    && new URL(href, `http://offline.invalid${pagePath}`).pathname === `/${OFFLINE_ZIP}`;
}

/** Rewrites a meta refresh; tells whether the tag is a Content-Security-Policy. */
function metaTag(node: Element, pagePath: string): { csp: boolean } {
  const equiv = [node.properties.httpEquiv ?? []].flat().map((v) => String(v).toLowerCase());
  const content = node.properties.content;
  if (typeof content === 'string' && equiv.includes('refresh')) node.properties.content = offlineRefresh(content, pagePath);
  return { csp: equiv.includes('content-security-policy') };
}

/** Replaces a module script (external or inline) by a deferred classic script of the same code. */
async function classicScript(node: Element, pagePath: string, scripts: HtmlContext['scripts']) {
  const src = node.properties.src;
  let out: string;
  if (typeof src === 'string') {
    const sitePath = new URL(src, `http://offline.invalid${pagePath}`).pathname;
    out = await scripts.external(sitePath);
  } else {
    const code = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    out = await scripts.inline(code, pagePath);
  }
  node.properties = { defer: true, src: relativeUrl(pagePath, `/${out}`) };
  node.children = [];
}

function findElement(node: Root | Element, tagName: string): Element | undefined {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === tagName) return c;
    const found = findElement(c, tagName);
    if (found) return found;
  }
  return undefined;
}

/**
 * Re-bundles module scripts as classic IIFE scripts with esbuild, once per script.
 * A classic script in _astro/ beside the module it replaces, so that a
 * `new URL(x, import.meta.url)` in it still points at the same folder.
 */
export class ScriptBundler {
  private done = new Map<string, Promise<{ rel: string; code: string }>>();
  private results = new Map<string, string>();

  constructor(private distDir: string) {}

  /** The offline file for the module at this site path (e.g. /_astro/x.js). */
  async external(sitePath: string): Promise<string> {
    const key = `src:${sitePath}`;
    if (!this.done.has(key)) {
      const file = path.join(this.distDir, decodeURIComponent(sitePath));
      const rel = `_astro/${path.basename(sitePath).replace(/\.m?js$/, '')}.classic.js`;
      this.done.set(key, this.bundle({ entryPoints: [file] }, sitePath).then((code) => this.keep(rel, code)));
    }
    return (await this.done.get(key)!).rel;
  }

  /** The offline file for an inline module script (same code, same file). */
  async inline(code: string, pagePath: string): Promise<string> {
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
    const key = `inline:${hash}`;
    if (!this.done.has(key)) {
      const resolveDir = path.join(this.distDir, pagePath.endsWith('/') ? pagePath : path.posix.dirname(pagePath));
      const rel = `_astro/inline.${hash}.classic.js`;
      this.done.set(key, this.bundle({ stdin: { contents: code, resolveDir, sourcefile: `inline script in ${pagePath}` } }, pagePath).then((c) => this.keep(rel, c)));
    }
    return (await this.done.get(key)!).rel;
  }

  /** Every classic script made so far, by output path. */
  outputs(): Map<string, string> {
    return this.results;
  }

  private keep(rel: string, code: string) {
    this.results.set(rel, code);
    return { rel, code };
  }

  private async bundle(entry: Pick<esbuild.BuildOptions, 'entryPoints' | 'stdin'>, what: string): Promise<string> {
    const distDir = this.distDir;
    try {
      const result = await esbuild.build({
        ...entry,
        ...CLASSIC_SCRIPT,
        // Classic scripts have no import.meta; the script's own URL is what it meant.
        define: { 'import.meta.url': 'dossierScriptUrl' },
        inject: [path.join(CLIENT_DIR, 'script-url.ts')],
        plugins: [{
          name: 'site-root',
          setup(build) {
            // Astro's chunks import each other by root-relative URL: map them to the output folder.
            build.onResolve({ filter: /^\// }, (args) => (args.kind === 'entry-point' || args.path.startsWith(distDir) ? undefined : { path: path.join(distDir, args.path) }));
          },
        }],
      });
      return result.outputFiles![0].text;
    } catch (err) {
      throw new OfflineError(`The offline edition could not re-bundle the script of ${what} as a classic script: ${(err as Error).message}`);
    }
  }
}

/** esbuild options shared by every script the edition re-bundles: one minified classic script. */
const CLASSIC_SCRIPT = {
  // The project's tsconfig whatever the output folder (esbuild looks for one above each
  // file, and finds none above an output folder outside the project: no "use strict").
  tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
  bundle: true,
  format: 'iife',
  write: false,
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'silent',
} satisfies esbuild.BuildOptions;

/** pagefind.js as a classic script, with the offline fetch and without a Worker. */
export async function bundlePagefind(distDir: string): Promise<string> {
  const pagefindJs = path.join(distDir, PAGEFIND_DIR, 'pagefind.js');
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(CLIENT_DIR, 'pagefind.ts')],
      inject: [path.join(CLIENT_DIR, 'pagefind-fetch.ts')],
      ...CLASSIC_SCRIPT,
      // Pagefind derives its base from import.meta.url (none in a classic script: it
      // falls back to /pagefind/) and uses a Worker when there is one (file:// refuses it).
      define: { 'import.meta.url': 'undefined', Worker: 'undefined' },
      plugins: [{
        name: 'site-pagefind',
        setup(build) {
          build.onResolve({ filter: /^dossier:pagefind$/ }, () => ({ path: pagefindJs }));
        },
      }],
    });
    return result.outputFiles![0].text;
  } catch (err) {
    throw new OfflineError(`The offline edition could not bundle Pagefind: ${(err as Error).message}`);
  }
}

