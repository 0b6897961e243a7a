/** The records of a built site's search index, as Pagefind wrote them (gzip, a signature, then JSON). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface IndexedRecord { url: string; content: string; meta: Record<string, string> }

/** Every shard's records (src/domain/search-shards.ts: the first at pagefind/, the others in pagefind/s1/, s2/…). */
export function searchRecords(dist: string): IndexedRecord[] {
  const root = path.join(dist, 'pagefind');
  const shards = ['', ...readdirSync(root).filter((d) => /^s\d+$/.test(d))];
  return shards.flatMap((shard) => {
    const dir = path.join(root, shard, 'fragment');
    return readdirSync(dir).map((f) => {
      const bytes = gunzipSync(readFileSync(path.join(dir, f)));
      return JSON.parse(bytes.subarray(bytes.indexOf('{')).toString('utf8')) as IndexedRecord;
    });
  });
}
