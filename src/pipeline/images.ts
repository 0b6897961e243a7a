/**
 * Images of a dossier as the check and the build see them: the same resolver for both
 * (the content folder's inventory, src/pipeline/content-files.ts), and the bytes the
 * build publishes, checked again as they are written.
 */
import { createHash } from 'node:crypto';
import { sniffRaster } from '../domain/raster.ts';
import type { ImageResolver } from './body-check.ts';
import { MAX_IMAGE_BYTES, readPlainFile, resolveImage, type ContentInventory } from './content-files.ts';

/** The published file's name: the image's hash and the extension its bytes call for (with its dot). */
const publishedName = (sha256: string, ext: string) => `${sha256.slice(0, 16)}${ext}`;

/** Resolves the images one entry shows; `used` collects the files shown (published or not). */
export function imageResolver(inventory: ContentInventory, entryFile: string, used?: Set<string>): ImageResolver {
  return (url) => {
    const r = resolveImage(url, entryFile, inventory);
    const file = r.ok ? r.image.file : r.file;
    if (file) used?.add(file);
    if (!r.ok) return r;
    const { full, sha256, ext, width, height } = r.image;
    return { ok: true, image: { file: r.image.file, full, name: publishedName(sha256, ext), width, height } };
  };
}

const TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/**
 * The bytes of an image to publish, read again (never through a link) and judged again:
 * a raster file whose hash and format are what its published name says.
 */
export function publishedImageBytes(full: string, name: string): { bytes: Uint8Array; type: string } {
  const bytes = readPlainFile(full, MAX_IMAGE_BYTES);
  const info = sniffRaster(bytes);
  if (!info || publishedName(createHash('sha256').update(bytes).digest('hex'), info.ext) !== name) {
    throw new Error(`${full} changed while the site was being built: build again`);
  }
  return { bytes, type: TYPES[info.format] };
}
