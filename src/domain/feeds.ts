/**
 * The Atom feed of events (/feed.xml) and the sitemap (/sitemap.xml). Absolute URLs
 * come from dossier.yml's siteUrl; without one, links stay root-relative (the files
 * are still built, and README says to set siteUrl before publishing). Pure.
 */
import { createHash } from 'node:crypto';
import type { Event } from '../schemas/events.ts';
import type { SiteConfig } from '../schemas/site.ts';
import { firstMoment, formatSpan, type PartialDate } from './dates.ts';
import { dropNonText } from './text-chars.ts';
import type { EntryLike } from './references.ts';
import { absoluteUrl, entryUrl, feedUrl, graphUrl, homeUrl, indexUrl, LISTED_COLLECTIONS, OVERVIEW_ID } from './urls.ts';
import { COLLECTIONS, type CollectionName } from '../schemas/index.ts';

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  // Control characters, U+FFFE and U+FFFF are not allowed in XML 1.0 at all; the
  // check refuses them in every file already, this keeps the feed well-formed regardless.
  return dropNonText(text)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** RFC 3339 timestamp of a partial date's first moment. */
function timestamp(d: PartialDate): string {
  return new Date(firstMoment(d)).toISOString().replace(/\.000Z$/, 'Z');
}

/** A stable urn:uuid for an entry, for sites without a siteUrl (Atom ids must be absolute). */
function urnFor(site: SiteConfig, path: string): string {
  const h = createHash('sha1').update(`${site.title}\u0000${path}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Atom 1.0 feed of events, newest first. `updated` is the entry's `updated`, else its date. */
export function atomFeed(site: SiteConfig, events: EntryLike<'events'>[]): string {
  const url = (path: string) => absoluteUrl(path, site.siteUrl) ?? path;
  const id = (path: string) => absoluteUrl(path, site.siteUrl) ?? urnFor(site, path);
  const entries = events.map((e) => {
    const d = e.data as Event;
    const updated = timestamp(d.updated ?? (d.date.end ?? d.date.start)!);
    const summary = `${formatSpan(d.date)}${d.status !== 'confirmed' ? ` (${d.status})` : ''}${d.summary ? `. ${d.summary}` : ''}`;
    return { path: entryUrl('events', e.id), title: d.title, updated, summary, status: d.status };
  });
  const feedUpdated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01T00:00:00Z');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">`,
    `  <title>${escapeXml(site.title)}: events</title>`,
    `  <subtitle>${escapeXml(site.description)}</subtitle>`,
    `  <id>${escapeXml(id(feedUrl))}</id>`,
    ...(site.siteUrl ? [`  <link rel="self" type="application/atom+xml" href="${escapeXml(url(feedUrl))}"/>`] : []),
    `  <link rel="alternate" type="text/html" href="${escapeXml(url(homeUrl))}"/>`,
    `  <updated>${feedUpdated}</updated>`,
    `  <author><name>${escapeXml(site.title)}</name></author>`,
    ...entries.flatMap((e) => [
      '  <entry>',
      `    <title>${escapeXml(e.title)}</title>`,
      `    <id>${escapeXml(id(e.path))}</id>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url(e.path))}"/>`,
      `    <updated>${e.updated}</updated>`,
      `    <category term="${escapeXml(e.status)}"/>`,
      `    <summary>${escapeXml(e.summary)}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

export interface SitemapPage {
  /** Root-relative path. */
  path: string;
  /** Last edit (the entry's `updated`), when known to the day. */
  updated?: PartialDate;
}

/**
 * Every page of the site, in the order the sitemap lists them: home (dated by the
 * overview), the index pages, the relations page, then each entry's page (the overview
 * is the home page, not a page of its own).
 */
export function sitemapPages(all: { [C in CollectionName]: readonly EntryLike<C>[] }): SitemapPage[] {
  const updated = (e: EntryLike | undefined) => (e?.data as { updated?: PartialDate } | undefined)?.updated;
  return [
    { path: homeUrl, updated: updated(all.pages.find((p) => p.id === OVERVIEW_ID)) },
    ...LISTED_COLLECTIONS.map((c) => ({ path: indexUrl(c) })),
    { path: graphUrl },
    ...COLLECTIONS.flatMap((c) => (all[c] as readonly EntryLike[]).filter((e) => !(c === 'pages' && e.id === OVERVIEW_ID))
      .map((e) => ({ path: entryUrl(c, e.id), updated: updated(e) }))),
  ];
}

/** sitemaps.org XML. Without a siteUrl the locations are root-relative, and a comment says why. */
export function sitemap(site: SiteConfig, pages: SitemapPage[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  if (!site.siteUrl) lines.push('<!-- No siteUrl in dossier.yml: locations are relative. Set siteUrl before publishing. -->');
  lines.push('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  for (const p of pages) {
    const lastmod = p.updated?.precision === 'day' ? `<lastmod>${timestamp(p.updated).slice(0, 10)}</lastmod>` : '';
    lines.push(`  <url><loc>${escapeXml(absoluteUrl(p.path, site.siteUrl) ?? p.path)}</loc>${lastmod}</url>`);
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}
