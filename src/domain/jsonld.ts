/**
 * schema.org JSON-LD for entry pages, and its safe serialisation into an HTML
 * `<script type="application/ld+json">` (content is untrusted: `<` is written as
 * \u003c so no `</script>` or `<!--` can end the block). Pure: no Astro imports.
 */
import type { Actor } from '../schemas/actors.ts';
import type { Event } from '../schemas/events.ts';
import type { CollectionName } from '../schemas/index.ts';
import type { Place } from '../schemas/places.ts';
import type { Source } from '../schemas/sources.ts';
import { isoDate, type DateSpan } from './dates.ts';
import type { EntryIndex } from './references.ts';
import { absoluteUrl, entryUrl } from './urls.ts';

type Json = Record<string, unknown>;

const ACTOR_TYPES: Partial<Record<Actor['kind'], string>> = {
  person: 'Person',
  state: 'GovernmentOrganization',
  'government-body': 'GovernmentOrganization',
  agency: 'GovernmentOrganization',
  'armed-forces': 'GovernmentOrganization',
  'media-outlet': 'NewsMediaOrganization',
};

const PLACE_TYPES: Partial<Record<Place['kind'], string>> = {
  country: 'Country',
  city: 'City',
  town: 'City',
  village: 'City',
  river: 'RiverBodyOfWater',
};

const SOURCE_TYPES: Partial<Record<Source['kind'], string>> = {
  'news-article': 'NewsArticle',
  'wire-report': 'NewsArticle',
  'government-report': 'Report',
  'social-media-post': 'SocialMediaPosting',
};

/** schema.org dates are ISO 8601, which allows 2017 and 2017-11. */
function startEnd(span: DateSpan | undefined): { startDate?: string; endDate?: string } {
  if (!span) return {};
  const start = span.start && isoDate(span.start);
  const end = span.end && isoDate(span.end);
  return { ...(start ? { startDate: start } : {}), ...(end && end !== start ? { endDate: end } : {}) };
}

export function entryJsonLd(collection: CollectionName, id: string, index: EntryIndex, siteUrl?: string): Json | undefined {
  const entry = index.get(collection, id);
  if (!entry) return undefined;
  const d = entry.data as any;
  const link = (c: CollectionName, other: string) => absoluteUrl(entryUrl(c, other), siteUrl);
  const named = (c: CollectionName, other: string, type: string) => drop({ '@type': type, name: index.label(c, other), url: link(c, other) });
  const base: Json = {
    '@context': 'https://schema.org',
    url: link(collection, id),
    description: d.summary,
    alternateName: [...(d.nativeName ? [d.nativeName.text] : []), ...(d.aliases ?? []).filter((a: any) => a.kind !== 'misspelling').map((a: any) => a.name)],
  };
  switch (collection) {
    case 'actors': {
      const a = d as Actor;
      return drop({ ...base, '@type': ACTOR_TYPES[a.kind] ?? 'Organization', name: a.name });
    }
    case 'places': {
      const p = d as Place;
      return drop({
        ...base, '@type': PLACE_TYPES[p.kind] ?? 'Place', name: p.name,
        geo: p.coordinates && { '@type': 'GeoCoordinates', latitude: p.coordinates.lat, longitude: p.coordinates.lon },
        containedInPlace: p.parent && named('places', p.parent, 'Place'),
      });
    }
    case 'events': {
      const e = d as Event;
      return drop({
        ...base, '@type': 'Event', name: e.title, ...startEnd(e.date),
        location: e.places.map((p) => named('places', p, 'Place')),
        // Everyone taking part, not only "performers": schema.org's plainest fit is `about`.
        about: e.participants.map((p) => {
          const kind = (index.get('actors', p.actor)?.data as Actor | undefined)?.kind;
          return named('actors', p.actor, (kind && ACTOR_TYPES[kind]) ?? 'Organization');
        }),
      });
    }
    case 'sources': {
      const s = d as Source;
      const type = SOURCE_TYPES[s.kind] ?? 'CreativeWork';
      return drop({
        ...base, '@type': type, [type === 'NewsArticle' ? 'headline' : 'name']: s.title, alternativeHeadline: s.subtitle,
        author: s.author && { '@type': 'Person', name: s.author },
        publisher: s.publisher && { '@type': 'Organization', name: s.publisher },
        datePublished: s.published && (startEnd(s.published).startDate ?? startEnd(s.published).endDate),
        inLanguage: s.language,
        sameAs: s.url,
      });
    }
    default:
      return drop({ ...base, '@type': 'WebPage', name: d.title });
  }
}

/** Removes undefined values and empty lists (recursively one level into lists). */
function drop(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as Json;
}

/** JSON for an inline `<script type="application/ld+json">`: `<`, `>`, `&` and line separators escaped. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
