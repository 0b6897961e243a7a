/**
 * Words a reader sees for the schema's enum values: kinds, relation types (both
 * directions), statuses, languages and text direction. Pure: no Astro imports.
 */
import type { ActorKind, RelationType } from '../schemas/actors.ts';
import type { PlaceKind } from '../schemas/places.ts';
import type { EventStatus } from '../schemas/events.ts';
import type { SOURCE_KINDS } from '../schemas/sources.ts';
import type { ALIAS_KINDS } from '../schemas/shared.ts';
import type { CollectionName } from '../schemas/index.ts';

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type AliasKind = (typeof ALIAS_KINDS)[number];

/** Singular and plural reader labels per kind. */
interface KindLabel { one: string; many: string }

export const COLLECTION_LABELS: Record<CollectionName, KindLabel> = {
  actors: { one: 'Actor', many: 'Actors' },
  places: { one: 'Place', many: 'Places' },
  events: { one: 'Event', many: 'Events' },
  sources: { one: 'Source', many: 'Sources' },
  pages: { one: 'Page', many: 'Pages' },
};

export const ACTOR_KIND_LABELS: Record<ActorKind, KindLabel> = {
  'armed-group': { one: 'Armed group', many: 'Armed groups' },
  'militia-umbrella': { one: 'Militia umbrella', many: 'Militia umbrellas' },
  state: { one: 'State', many: 'States' },
  'government-body': { one: 'Government body', many: 'Government bodies' },
  agency: { one: 'Agency', many: 'Agencies' },
  'armed-forces': { one: 'Armed forces', many: 'Armed forces' },
  coalition: { one: 'Coalition', many: 'Coalitions' },
  'political-party': { one: 'Political party', many: 'Political parties' },
  person: { one: 'Person', many: 'People' },
  'media-outlet': { one: 'Media outlet', many: 'Media outlets' },
  other: { one: 'Other actor', many: 'Other actors' },
};

export const PLACE_KIND_LABELS: Record<PlaceKind, KindLabel> = {
  country: { one: 'Country', many: 'Countries' },
  region: { one: 'Region', many: 'Regions' },
  governorate: { one: 'Governorate', many: 'Governorates' },
  city: { one: 'City', many: 'Cities' },
  town: { one: 'Town', many: 'Towns' },
  village: { one: 'Village', many: 'Villages' },
  facility: { one: 'Facility', many: 'Facilities' },
  'oil-field': { one: 'Oil field', many: 'Oil fields' },
  river: { one: 'River', many: 'Rivers' },
  'border-area': { one: 'Border area', many: 'Border areas' },
  other: { one: 'Other place', many: 'Other places' },
};

export const SOURCE_KIND_LABELS: Record<SourceKind, KindLabel> = {
  'news-article': { one: 'News article', many: 'News articles' },
  'wire-report': { one: 'Wire report', many: 'Wire reports' },
  'tv-report': { one: 'TV report', many: 'TV reports' },
  'government-report': { one: 'Government report', many: 'Government reports' },
  'social-media-post': { one: 'Social media post', many: 'Social media posts' },
  encyclopedia: { one: 'Encyclopedia article', many: 'Encyclopedia articles' },
  website: { one: 'Website', many: 'Websites' },
  other: { one: 'Other source', many: 'Other sources' },
};

export const ALIAS_KIND_LABELS: Record<AliasKind, KindLabel> = {
  abbreviation: { one: 'Abbreviation', many: 'Abbreviations' },
  'former-name': { one: 'Former name', many: 'Former names' },
  transliteration: { one: 'Transliteration', many: 'Transliterations' },
  translation: { one: 'Translation', many: 'Translations' },
  misspelling: { one: 'Misspelling seen in a source', many: 'Misspellings seen in sources' },
  nickname: { one: 'Nickname', many: 'Nicknames' },
  other: { one: 'Other name', many: 'Other names' },
};

export const STATUS_LABELS: Record<EventStatus, { label: string; explain: string }> = {
  confirmed: { label: 'Confirmed', explain: 'reported as fact by the sources cited' },
  reported: { label: 'Reported', explain: 'reported, not independently confirmed' },
  claimed: { label: 'Claimed', explain: 'claimed by a party to the conflict' },
  disputed: { label: 'Disputed', explain: 'the sources disagree' },
};

/**
 * A relation read from its subject ("Kataib Hezbollah — backed by — Iran") and from
 * its target ("Iran — backs — Kataib Hezbollah"), so incoming links read naturally.
 */
export const RELATION_WORDS: Record<RelationType, { forward: string; inverse: string; who: string }> = {
  'member-of': { forward: 'member of', inverse: 'has member', who: 'a member of' },
  'unit-of': { forward: 'unit of', inverse: 'has unit', who: 'a unit of' },
  'leader-of': { forward: 'leader of', inverse: 'led by', who: 'the leader of' },
  'spokesperson-of': { forward: 'spokesperson of', inverse: 'spokesperson', who: 'the spokesperson of' },
  'adviser-to': { forward: 'adviser to', inverse: 'advised by', who: 'an adviser to' },
  'backed-by': { forward: 'backed by', inverse: 'backs', who: 'backed by' },
  'allied-with': { forward: 'allied with', inverse: 'allied with', who: 'allied with' },
  'opposed-to': { forward: 'opposed to', inverse: 'opposed by', who: 'opposed to' },
  'formerly-member-of': { forward: 'formerly member of', inverse: 'former member', who: 'formerly a member of' },
};

/**
 * The relations page's introduction, naming only the kinds of relation this dossier
 * has: "5 relations between the actors of this dossier: who is a unit of or backed by whom, …".
 */
export function relationsIntro(types: readonly RelationType[]): string {
  if (!types.length) return 'No relations between the actors of this dossier yet.';
  const present = (Object.keys(RELATION_WORDS) as RelationType[]).filter((t) => types.includes(t)).map((t) => RELATION_WORDS[t].who);
  const kinds = present.length > 1 ? `${present.slice(0, -1).join(', ')} or ${present.at(-1)}` : present[0];
  return `${plural(types.length, 'relation')} between the actors of this dossier: who is ${kinds} whom, each with its sources.`;
}

/** The wording of a relation seen from one end: 'out' from its subject, 'in' from its target. */
export function relationPhrase(type: RelationType, direction: 'out' | 'in'): string {
  const w = RELATION_WORDS[type];
  return direction === 'out' ? w.forward : w.inverse;
}

/** An entry's display name: its name (actors, places) or title (events, sources, pages), else its id. */
export function displayName(data: unknown, id: string): string {
  const d = data as { name?: unknown; title?: unknown } | undefined;
  return String(d?.name ?? d?.title ?? id);
}

export function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Languages written right to left (primary subtag). */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** 'rtl' for right-to-left languages (ar, fa, he, ur …), else undefined (inherit). */
export function textDirection(lang: string | undefined): 'rtl' | undefined {
  if (!lang) return undefined;
  const primary = lang.toLowerCase().split('-')[0];
  // A script subtag overrides the language's usual script (ku-Arab is RTL, az-Latn is not).
  const script = lang.split('-').find((p) => p.length === 4)?.toLowerCase();
  if (script) return ['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm'].includes(script) ? 'rtl' : undefined;
  return RTL.has(primary) ? 'rtl' : undefined;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** "Arabic" for ar; the tag itself when unknown. */
export function languageName(lang: string): string {
  try {
    return languageNames.of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** "1 source", "3 sources". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
