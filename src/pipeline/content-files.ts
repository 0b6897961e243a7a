/**
 * The content folder is a jail. Its files come from strangers' pull requests, so
 * every file in it is accounted for, and nothing leads out of it:
 *
 * - no symbolic links at all (a link is reported, never followed: it could point
 *   at a secret, a folder outside, or itself);
 * - only entries (<collection>/<id>.md|.mdx), dossier.yml at the root, and images
 *   (.png .jpg .jpeg .gif .webp .avif) in a collection folder or in media/;
 *   anything else is an error, hidden files included (a `.chart.mjs` next to an
 *   entry is a module some tool may one day import);
 * - SVG is refused: it can carry script that runs when the file is opened;
 * - an image is published only if its bytes are a raster format (src/domain/raster.ts).
 *
 * The walk uses lstat semantics throughout (readdir's file types; never stat()
 * through a link), under the real path of the root, resolved once.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Dirent } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Problem } from '../domain/problems.ts';
import { RASTER_EXTENSIONS, sniffRaster, type RasterInfo } from '../domain/raster.ts';
import { closest } from '../domain/suggest.ts';
import { COLLECTIONS, type CollectionName } from '../schemas/index.ts';

export const SITE_FILE = 'dossier.yml';
export const MEDIA_DIR = 'media';
export const ENTRY_EXTENSIONS = ['.md', '.mdx'];
/** Larger images slow every reader down; a photo exported for the web is well under this. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Far beyond any picture a page needs, far below what strains a phone's browser. */
export const MAX_IMAGE_SIDE = 10_000;
export const MAX_IMAGE_PIXELS = 40_000_000;

export const MESSAGES = {
  link: 'symbolic link: the content folder may not hold links (copy the file in instead)',
  hardLink: 'hard link: this file is also elsewhere on the disk, perhaps outside the dossier; the content folder may not hold links (copy the file in instead)',
  hidden: 'hidden file: the content folder holds only entries, dossier.yml and images; remove it',
  stray: `not part of a dossier: the top of the content folder holds only dossier.yml and the folders ${COLLECTIONS.map((c) => `${c}/`).join(', ')} and ${MEDIA_DIR}/; move it into one of them or remove it`,
  svg: 'SVG images are not published: an SVG file can carry script that runs when it is opened; export it as PNG or WebP instead',
  special: 'not a file or folder (a device, pipe or socket): the content folder holds only files and folders; remove it',
  notImage: `not an image: ${MEDIA_DIR}/ holds only images (${RASTER_EXTENSIONS.join(' ')} files); move it or remove it`,
  notEntry: (collection: string) => `not an entry: entries are .md (or .mdx) files; rename it or move it out of ${collection}/`,
  unknownFolder: (name: string) => {
    const guess = closest(name, [...COLLECTIONS, MEDIA_DIR].map((c) => ({ key: c, value: c })));
    return `unknown folder "${name}": entries go in ${COLLECTIONS.join('/, ')}/, images also in ${MEDIA_DIR}/.${guess ? ` Did you mean "${guess}"?` : ''}`;
  },
  imageSize: (bytes: number) => `the image is ${(bytes / 1024 / 1024).toFixed(1)} MB; images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB (export it smaller, e.g. as WebP)`,
  unused: 'image not used by any entry: show it with ![description](path) or remove it',
};

export interface ContentEntryFile {
  collection: CollectionName;
  /** Relative to the collection folder, with forward slashes (sub/x.md for an entry in a sub-folder). */
  rel: string;
  /** Relative to the content root, with forward slashes. */
  file: string;
  full: string;
}

export interface ContentInventory {
  /** The content root's real path: everything below is under it. */
  realRoot: string;
  /** Sorted by collection (in COLLECTIONS order), then by rel. */
  entries: ContentEntryFile[];
  /** Full path of dossier.yml, when it is there as a plain file. */
  site?: string;
  /** Images by root-relative path (forward slashes), with their size and last change (for render caches). */
  images: Map<string, { full: string; bytes: number }>;
  /** Files reported above (root-relative): a body that shows one is told so, not "no such file". */
  refused: Set<string>;
  problems: Problem[];
}

const isSvgName = (name: string) => /\.svgz?$/i.test(name);
const isImageName = (name: string) => RASTER_EXTENSIONS.includes(path.extname(name).toLowerCase());

/** Every file of the content folder, sorted into entries, settings and images; the rest reported. */
export function inventoryContent(root: string): ContentInventory {
  const realRoot = realpathSync(root);
  const inv: ContentInventory = { realRoot, entries: [], images: new Map(), refused: new Set(), problems: [] };
  const report = (file: string, message: string) => {
    inv.refused.add(file);
    inv.problems.push({ file, severity: 'error', message });
  };
  /** Links, hidden names and special files, wherever they are; true when the dirent was reported. */
  const refusedAnywhere = (d: Dirent, file: string, full: string): boolean => {
    if (d.name.startsWith('.')) report(d.isDirectory() ? `${file}/` : file, MESSAGES.hidden);
    else if (d.isSymbolicLink()) report(file, MESSAGES.link);
    else if (!d.isFile() && !d.isDirectory()) report(file, MESSAGES.special);
    // Git never makes hard links; one here could be a file from anywhere on the same disk.
    else if (d.isFile() && lstatSync(full).nlink > 1) report(file, MESSAGES.hardLink);
    else return false;
    return true;
  };
  const walk = (dir: string, prefix: string, onFile: (file: string, full: string, d: Dirent) => void) => {
    for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const file = `${prefix}${d.name}`;
      const full = path.join(dir, d.name);
      if (refusedAnywhere(d, file, full)) continue;
      if (d.isDirectory()) walk(full, `${file}/`, onFile); // a real folder: links were refused above
      else onFile(file, full, d);
    }
  };
  const image = (file: string, full: string) => {
    const { size: bytes } = lstatSync(full);
    if (bytes > MAX_IMAGE_BYTES) report(file, MESSAGES.imageSize(bytes));
    else inv.images.set(file, { full, bytes });
  };

  const collections = new Map<CollectionName, ContentEntryFile[]>();
  for (const d of readdirSync(realRoot, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(realRoot, d.name);
    if (refusedAnywhere(d, d.name, full)) continue;
    if (d.isFile()) {
      if (d.name === SITE_FILE) inv.site = full;
      else report(d.name, isSvgName(d.name) ? MESSAGES.svg : MESSAGES.stray);
    } else if ((COLLECTIONS as string[]).includes(d.name)) {
      const collection = d.name as CollectionName;
      const list: ContentEntryFile[] = [];
      collections.set(collection, list);
      walk(full, `${collection}/`, (file, fileFull) => {
        const rel = file.slice(collection.length + 1);
        if (ENTRY_EXTENSIONS.includes(path.extname(rel))) list.push({ collection, rel, file, full: fileFull });
        else if (isSvgName(rel)) report(file, MESSAGES.svg);
        else if (isImageName(rel)) image(file, fileFull);
        else report(file, MESSAGES.notEntry(collection));
      });
    } else if (d.name === MEDIA_DIR) {
      walk(full, `${MEDIA_DIR}/`, (file, fileFull) => {
        if (isSvgName(file)) report(file, MESSAGES.svg);
        else if (isImageName(file)) image(file, fileFull);
        else report(file, MESSAGES.notImage);
      });
    } else {
      report(`${d.name}/`, MESSAGES.unknownFolder(d.name)); // not walked: one line for the whole folder
    }
  }
  for (const collection of COLLECTIONS) {
    // Sorted by the path within the collection, as entries always were.
    inv.entries.push(...(collections.get(collection) ?? []).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)));
  }
  return inv;
}

export interface ResolvedImage {
  /** Root-relative, forward slashes. */
  file: string;
  full: string;
  format: RasterInfo['format'];
  ext: string;
  width?: number;
  height?: number;
  /** Of the bytes that were judged. */
  sha256: string;
}

/** A failure names the file when the URL led to one inside the dossier (it is shown, if not published). */
export type ImageResolution = { ok: true; image: ResolvedImage } | { ok: false; message: string; file?: string };

/** Judged images per inventory: an image shown by many entries is read once. */
const judged = new WeakMap<ContentInventory, Map<string, ImageResolution>>();

/**
 * The image file a body's relative image URL shows, judged by its bytes. The URL is
 * decoded and resolved as text (path.posix), never through the file system, and
 * must name an image listed in the inventory. Remote and data: URLs are refused by
 * the URL rules (src/domain/url-policy.ts) before this is called.
 */
export function resolveImage(url: string, entryFile: string, inv: ContentInventory): ImageResolution {
  const fail = (why: string): { ok: false; message: string } => ({ ok: false, message: `image "${url}"${why}` });
  const bare = url.replace(/[?#][\s\S]*$/, '');
  if (bare.includes('\\')) return fail(': write the path with forward slashes (/), not backslashes');
  if (bare.startsWith('/')) return fail(': write the path relative to the entry (e.g. ../media/map.png)');
  if (bare === '') return fail(': not a file path');
  const segments: string[] = [];
  for (const raw of bare.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return fail(': not a valid file path (a % must be followed by two hexadecimal digits; write %25 for a percent sign)');
    }
    // An encoded slash or backslash would change the path after this check; NUL ends it early.
    if (/[/\\\0]/.test(segment)) return fail(': the path may not hold an encoded slash (%2F), backslash (%5C) or NUL (%00)');
    segments.push(segment);
  }
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(entryFile), segments.join('/')));
  if (file === '..' || file.startsWith('../') || path.posix.isAbsolute(file)) return fail(' is outside the dossier folder: keep images inside it');
  const failAt = (why: string): ImageResolution => ({ ...fail(why), file });
  if (isSvgName(file)) return failAt(`: ${MESSAGES.svg}`);
  if (file !== '.' && file.split('/').some((s) => s.startsWith('.'))) return failAt(': hidden files are not published; keep images in media/ or next to the entry, with names that do not start with "."');
  const listed = inv.images.get(file);
  if (!listed) {
    if (inv.refused.has(file)) return failAt(`: ${file} cannot be published (see the problem reported for that file)`);
    if (inv.entries.some((e) => e.file === file) || (file === SITE_FILE && inv.site)) return failAt(`: ${file} is not an image; images are ${RASTER_EXTENSIONS.join(' ')} files`);
    return fail(`: there is no file ${file}`);
  }
  let cache = judged.get(inv);
  if (!cache) judged.set(inv, (cache = new Map()));
  const cached = cache.get(file);
  if (cached) return cached.ok ? cached : failAt(cached.message);
  const result = judge(file, listed.full);
  cache.set(file, result);
  return result.ok ? result : failAt(result.message);
}

/** Reads an inventoried image (never through a link) and sniffs its bytes; message without the URL. */
function judge(file: string, full: string): ImageResolution {
  let bytes: Buffer;
  try {
    bytes = readPlainFile(full, MAX_IMAGE_BYTES);
  } catch {
    return { ok: false, message: `: ${file} cannot be read as a plain file` };
  }
  const info = sniffRaster(bytes);
  if (!info) return { ok: false, message: ' is not a PNG, JPEG, GIF, WebP or AVIF file (its bytes say otherwise, whatever its name): export it as PNG or WebP' };
  // A small file can declare a huge picture, which every reader's browser would have to decode.
  if (info.width && info.height && (info.width * info.height > MAX_IMAGE_PIXELS || Math.max(info.width, info.height) > MAX_IMAGE_SIDE)) {
    return { ok: false, message: ` is ${info.width.toLocaleString('en')} × ${info.height.toLocaleString('en')} pixels; images may be at most ${MAX_IMAGE_SIDE.toLocaleString('en')} pixels on a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels (a reader's browser must decode every pixel): export it smaller` };
  }
  return { ok: true, image: { file, full, ...info, sha256: createHash('sha256').update(bytes).digest('hex') } };
}

/** The file's bytes; throws on a link swapped in since the inventory, on anything but a plain file, and above max bytes. */
export function readPlainFile(full: string, max: number): Buffer {
  const fd = openSync(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > max) throw new Error('not a plain file of the allowed size');
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Images that no entry shows (used: root-relative paths of the images shown). */
export function unusedImages(inv: ContentInventory, used: Set<string>): Problem[] {
  return [...inv.images.keys()].filter((file) => !used.has(file)).map((file) => ({ file, severity: 'error' as const, message: MESSAGES.unused }));
}
