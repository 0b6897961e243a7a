/**
 * Citations of one entry page as numbered footnotes. The body's citations come first,
 * numbered exactly as the remark plugin numbers them (numberCitations); then the
 * claims of the infobox (relations, designations, sizes, aliases, coordinates, the
 * entry's own `sources:`), each marked with the footnote numbers it rests on. Every
 * marker has an anchor id, so each footnote links back to every place that cites it.
 */
import { citationKey, numberCitations, scanBody, type CitationItem } from './body.ts';
import { citationRefId } from './urls.ts';
import type { CollectionName } from '../schemas/index.ts';
import { readingGroups } from './readings.ts';

/** A statement outside the body that cites sources, e.g. relations.0. */
export interface Claim {
  key: string;
  items: CitationItem[];
}

export interface Footnote {
  n: number;
  source: string;
  locator?: string;
  /** Anchor ids of the markers that cite it, in page order (body first). */
  refs: string[];
}

export interface CitationMark {
  n: number;
  /** Anchor id of this marker (for the footnote's link back). */
  refId: string;
}

export interface Citations {
  footnotes: Footnote[];
  /** The markers of each claim, by claim key. */
  marks: Map<string, CitationMark[]>;
}

export function buildCitations(body: string, claims: Claim[]): Citations {
  const footnotes: Footnote[] = numberCitations(body).map((c) => ({ ...c, refs: [] }));
  const byKey = new Map(footnotes.map((f) => [citationKey(f), f]));
  const mark = (f: Footnote): CitationMark => {
    const refId = citationRefId(f.n, f.refs.length + 1);
    f.refs.push(refId);
    return { n: f.n, refId };
  };
  for (const t of scanBody(body)) if (t.type === 'citation') for (const item of t.items) mark(byKey.get(citationKey(item))!);

  const marks = new Map<string, CitationMark[]>();
  for (const claim of claims) {
    const list: CitationMark[] = [];
    for (const item of claim.items) {
      // A bare source already listed (with or without a locator) reuses that footnote.
      let f = byKey.get(citationKey(item)) ?? (item.locator ? undefined : footnotes.find((x) => x.source === item.source));
      if (!f) {
        f = { n: footnotes.length + 1, source: item.source, ...(item.locator ? { locator: item.locator } : {}), refs: [] };
        footnotes.push(f);
        byKey.set(citationKey(item), f);
      }
      if (!list.some((m) => m.n === f!.n)) list.push(mark(f));
    }
    if (list.length) marks.set(claim.key, list.sort((a, b) => a.n - b.n));
  }
  return { footnotes, marks };
}

const items = (v: unknown): CitationItem[] => (Array.isArray(v) ? (v as CitationItem[]) : []);

/**
 * The claims of an entry's infobox, in reading order. Keys: 'entry' (the entry's own
 * `sources:`), 'aliases.i', 'relations.i', 'designations.i', 'sizeEstimates.i', 'coordinates', and one per reading
 * (readingItems' keys).
 */
export function entryClaims(collection: CollectionName, data: any): Claim[] {
  if (collection === 'pages') return [];
  const claims: Claim[] = [{ key: 'entry', items: items(data.sources) }];
  (data.aliases ?? []).forEach((a: any, i: number) => a.source && claims.push({ key: `aliases.${i}`, items: [{ source: a.source }] }));
  if (collection === 'actors') {
    for (const field of ['relations', 'designations', 'sizeEstimates']) {
      (data[field] ?? []).forEach((r: any, i: number) => claims.push({ key: `${field}.${i}`, items: items(r.sources) }));
    }
  }
  if (collection === 'places' && data.coordinates?.source) claims.push({ key: 'coordinates', items: [{ source: data.coordinates.source }] });
  // Each reading of a fact on which sources differ: 'date.readings.1', 'designations.0.date.readings.0'.
  for (const g of readingGroups(collection, data)) {
    g.readings.forEach((r: any, j: number) => claims.push({ key: `${g.path.join('.')}.readings.${j}`, items: items(r.sources) }));
  }
  return claims.filter((c) => c.items.length);
}
