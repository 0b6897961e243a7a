/**
 * The pages a rebuild carried over from the last output into its staging folder as hard
 * links (src/pipeline/carry-over.ts), shared in the build's process. A linked file is the
 * last output's own: writing into it would change the published site. So a page Astro
 * renders again is unlinked first (src/middleware.ts), and Astro writes a new file.
 * Small on purpose: the pages' bundle loads it.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { processValue } from './process-value.ts';
import { pageFile } from './render-time.ts';

export interface CarriedPages {
  /** The last output, which the pages were linked from (unchanged until this build publishes). */
  from: string;
  /** The staging folder the pages were linked into. */
  dir: string;
  /** Site-relative page files (actors/x/index.html) still linked to the last output. */
  files: Set<string>;
  /** The render cache's key each page was published with (carry-over.ts), where known. */
  keys: ReadonlyMap<string, string>;
}

const carried = processValue<CarriedPages>('dossier.carriedPages');
export const shareCarriedPages = carried.set;
export const sharedCarriedPages = carried.get;

/** The key a page still linked to the last output was published with: the same file, so the same bytes. */
export function carriedPageKey(rel: string): string | undefined {
  const pages = carried.get();
  return pages?.files.has(rel) ? pages.keys.get(rel) : undefined;
}

/** Before Astro writes the page at `pathname`: its link to the last output, if any, is removed. */
export async function releaseCarriedPage(pathname: string): Promise<void> {
  const pages = carried.get();
  if (!pages) return;
  const file = pageFile(pathname);
  if (!pages.files.delete(file)) return;
  await unlink(path.join(pages.dir, file));
}
