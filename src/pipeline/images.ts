/**
 * Images of a dossier as the check and the build see them: the same resolver for both.
 * TEMPORARY: replaced by the content-folder inventory (content-files.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImageResolver } from './body-check.ts';

export function imageResolver(root: string, entryFile: string): ImageResolver {
  return (url) => {
    if (url.startsWith('/')) return { ok: false, message: `image "${url}": write the path relative to the entry` };
    const full = path.resolve(path.dirname(path.join(root, entryFile)), decodeURI(url.replace(/[?#].*$/, '')));
    const shown = path.relative(root, full).split(path.sep).join('/');
    if (shown.startsWith('..') || path.isAbsolute(shown)) return { ok: false, message: `image "${url}" is outside the dossier folder: keep images inside it` };
    if (!existsSync(full) || !statSync(full).isFile()) return { ok: false, message: `image "${url}": there is no file ${shown}` };
    const bytes = readFileSync(full);
    const ext = path.extname(full).slice(1).toLowerCase();
    if (!['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif'].includes(ext)) return { ok: false, message: `image "${url}" is not a PNG, JPEG, GIF, WebP or AVIF file` };
    return { ok: true, image: { file: shown, full, name: `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}` } };
  };
}

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/** The bytes of an image to publish, checked again: inside the folder, a raster file, the hash its name says. */
export function publishedImageBytes(root: string, file: string, name: string): { bytes: Uint8Array; type: string } {
  const full = path.join(root, file);
  const bytes = readFileSync(full);
  const ext = name.split('.').pop() ?? '';
  if (!name.startsWith(createHash('sha256').update(bytes).digest('hex').slice(0, 16)) || !TYPES[ext]) throw new Error(`${file} changed while the site was built: build again`);
  return { bytes, type: TYPES[ext] };
}
