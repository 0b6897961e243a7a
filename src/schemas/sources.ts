import { z } from 'zod';
import { dateSpan, httpUrl, id, lang, partialDate, sources, text } from './shared.ts';

export const SOURCE_KINDS = [
  'news-article', 'wire-report', 'tv-report', 'government-report', 'social-media-post',
  'encyclopedia', 'website', 'other',
] as const;

/** Something the dossier cites. A URL is never required: only give one you read. */
export const sourceSchema = z.strictObject({
  /** The title as printed. */
  title: text,
  /** The subtitle or standfirst as printed. */
  subtitle: text.optional(),
  /** What sort of source. */
  kind: z.enum(SOURCE_KINDS),
  /** Who published it (outlet, agency). */
  publisher: text.optional(),
  /** The publisher's actor id, when it is an actor in the dossier. */
  publisherActor: id.optional(),
  /** Author(s), when known. */
  author: text.optional(),
  /** When it was published (any date form). */
  published: dateSpan.optional(),
  /** How the publication date was derived, when not printed. */
  dateNote: text.optional(),
  /** Where it can be read (http/https). */
  url: httpUrl.optional(),
  /** When the URL was read (YYYY-MM-DD). */
  accessed: partialDate.optional(),
  /** Its language tag (en, ar …). */
  language: lang.optional(),
  /** Anything a reader should know about it. */
  notes: text.optional(),
  /** Where this source itself is reported (e.g. a TV report known through an article). */
  sources: sources.default([]),
  /** When the entry was last edited. */
  updated: partialDate.optional(),
});

export type Source = z.output<typeof sourceSchema>;
