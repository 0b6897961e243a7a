/**
 * The offline edition: a post-build transform of the built site into a zip that
 * works opened from disk (file://), with no server and no network.
 *
 *   HTML   every site URL page-relative, naming index.html (src/domain/offline.ts);
 *          module scripts re-bundled as classic scripts (`<script defer src>`, which
 *          keeps their order), modulepreload dropped, [data-online-only] and the
 *          edition's own download link dropped; a page with a CSP gets its policy
 *          written again for the page as changed, with file: (src/domain/csp.ts).
 *   CSS    root-relative url() and @import made relative.
 *   search Pagefind's index files wrapped as classic scripts that register their
 *          bytes; pagefind.js bundled as a classic script whose fetch() reads them
 *          (src/client/offline/). The binary index and the worker are left out.
 *
 * Pages are read, transformed and compressed one at a time into a streaming zip,
 * so memory stays flat as the dossier grows. The zip is reproducible: entries in
 * sorted order with a fixed timestamp.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { Zip, ZipPassThrough } from 'fflate';
import { fromParse5 } from 'hast-util-from-parse5';
import { toHtml } from 'hast-util-to-html';
import { parse } from 'parse5';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { securePageTree } from '../domain/csp.ts';
import { isExternalUrl, offlineCss, offlineRefresh, offlineSrcset, offlineUrl, wrapIndexFile } from '../domain/offline.ts';
import { relativeUrl } from '../domain/urls.ts';
import { fileUrl, walkFiles } from './files.ts';
import { PAGEFIND_DIR, wasmInUse } from './search-index.ts';

/** The zip's name in the output, and the folder it unzips to. */
export const OFFLINE_ZIP = 'dossier-offline.zip';
export const OFFLINE_FOLDER = 'dossier-offline';
/** The offline Pagefind bundle, in the offline edition. */
export const OFFLINE_PAGEFIND = `${PAGEFIND_DIR}/pagefind.offline.js`;

// DOS timestamps are local time: built from local fields, this is the same instant
// on every machine, so the zip's bytes don't depend on the time zone.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const CLIENT_DIR = fileURLToPath(new URL('../client/offline/', import.meta.url));

/** Attributes that hold one URL, by hast property name. */
const URL_PROPS = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'xLinkHref', 'manifest'] as const;

export interface OfflineStats {
  /** Entries in the zip. */
  files: number;
  /** HTML pages. */
  pages: number;
  /** Size of the zip in bytes. */
  zipBytes: number;
  /** Compressed bytes of the search index and its bundle in the zip. */
  searchBytes: number;
}

export class OfflineError extends Error {}

/** Builds <distDir>/dossier-offline.zip from the site in distDir. */
export async function buildOfflineEdition(distDir: string): Promise<OfflineStats> {
  const all = [...walkFiles(distDir)];
  const present = new Set(all);
  const isDirectory = (sitePath: string) => present.has(`${sitePath.replace(/^\/+|\/+$/g, '')}/index.html`);
  const scripts = new ScriptBundler(distDir);
  const hasSearch = existsSync(path.join(distDir, PAGEFIND_DIR, 'pagefind.js'));

  const zipPath = path.join(distDir, OFFLINE_ZIP);
  const writer = new ZipWriter(`${zipPath}.tmp`);
  try {
    const stats = await writeEdition(distDir, all, writer, { isDirectory, scripts, hasSearch });
    renameSync(`${zipPath}.tmp`, zipPath);
    return stats;
  } finally {
    writer.close();
    rmSync(`${zipPath}.tmp`, { force: true });
  }
}

async function writeEdition(distDir: string, all: string[], writer: ZipWriter, ctx: HtmlContext): Promise<OfflineStats> {
  const { scripts, hasSearch } = ctx;
  let pages = 0;
  for (const rel of all) {
    if (!isCopied(rel)) continue;
    const file = path.join(distDir, rel);
    if (rel.endsWith('.html')) {
      const html = readFileSync(file, 'utf8');
      writer.add(rel, await offlineHtml(html, fileUrl(rel), ctx));
      pages++;
    } else if (rel.endsWith('.css')) {
      writer.add(rel, offlineCss(readFileSync(file, 'utf8'), fileUrl(rel)));
    } else {
      writer.add(rel, readFileSync(file));
    }
  }
  for (const [rel, code] of [...scripts.outputs()].sort(([a], [b]) => (a < b ? -1 : 1))) writer.add(rel, code);
  if (hasSearch) {
    writer.startCounting();
    await addPagefind(distDir, writer);
  }
  const { files, bytes, counted } = writer.end();
  return { files, pages, zipBytes: bytes, searchBytes: counted };
}

/** What goes into the offline copy as it is or transformed (the rest is replaced or unusable from disk). */
export function isCopied(rel: string): boolean {
  if (rel === OFFLINE_ZIP || rel === `${OFFLINE_ZIP}.tmp`) return false;
  if (rel.startsWith(`${PAGEFIND_DIR}/`)) return false; // replaced by the wrapped index
  if (rel.startsWith('_astro/') && /\.(m?js|js\.map)$/.test(rel)) return false; // module scripts, re-bundled
  return true;
}

export interface HtmlContext {
  isDirectory: (sitePath: string) => boolean;
  scripts: ScriptBundler;
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
  return node.tagName === 'a' && typeof href === 'string' && !isExternalUrl(href)
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
async function classicScript(node: Element, pagePath: string, scripts: ScriptBundler) {
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

/** Adds the wrapped Pagefind index and its classic bundle. */
async function addPagefind(distDir: string, writer: ZipWriter) {
  const dir = path.join(distDir, PAGEFIND_DIR);
  const wasm = wasmInUse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
  const wanted = (name: string) => name === 'pagefind-entry.json' || wasm.has(name) || /\.pf_meta$/.test(name) || /^(index|fragment|filter)\//.test(name);
  for (const name of walkFiles(dir)) {
    if (!wanted(name)) continue;
    const bytes = readFileSync(path.join(dir, name));
    writer.add(`${PAGEFIND_DIR}/${name}.js`, wrapIndexFile(name, bytes.toString('base64')));
  }
  writer.add(OFFLINE_PAGEFIND, await bundlePagefind(distDir));
}

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

/** A zip written as it goes, one entry at a time, with fixed timestamps. */
/**
 * A zip entry deflated by Node's zlib (native, several times faster than fflate's
 * JavaScript deflate at the same level); fflate still writes the archive around it.
 * Each file is pushed whole, so one call compresses it.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean) {
    this.ondata(null, deflateRawSync(chunk, { level: 9 }), final);
  }
}

class ZipWriter {
  private fd: number;
  private zip: Zip;
  private bytes = 0;
  private files = 0;
  private countFrom = -1;
  private error: Error | null = null;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
    this.zip = new Zip((err, chunk) => {
      if (err) { this.error = err; return; }
      writeSync(this.fd, chunk);
      this.bytes += chunk.length;
    });
  }

  add(rel: string, data: string | Uint8Array) {
    const entry = new NativeDeflate(`${OFFLINE_FOLDER}/${rel}`);
    entry.mtime = FIXED_MTIME;
    this.zip.add(entry);
    entry.push(typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength), true);
    this.files++;
    if (this.error) throw new OfflineError(`The offline zip could not be written: ${this.error.message}`);
  }

  close() {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Bytes written from now on are reported as `counted`. */
  startCounting() {
    this.countFrom = this.bytes;
  }

  end() {
    const beforeEnd = this.bytes;
    this.zip.end();
    this.close();
    if (this.error) throw new OfflineError(`The offline zip could not be written: ${this.error.message}`);
    return { files: this.files, bytes: this.bytes, counted: this.countFrom < 0 ? 0 : beforeEnd - this.countFrom };
  }
}
