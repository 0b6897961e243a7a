/** The records of a built site's search index, as Pagefind wrote them (gzip, a signature, then JSON). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface IndexedRecord { url: string; content: string; meta: Record<string, string> }

export function searchRecords(dist: string): IndexedRecord[] {
  const dir = path.join(dist, 'pagefind/fragment');
  return readdirSync(dir).map((f) => {
    const bytes = gunzipSync(readFileSync(path.join(dir, f)));
    return JSON.parse(bytes.subarray(bytes.indexOf('{')).toString('utf8')) as IndexedRecord;
  });
}
