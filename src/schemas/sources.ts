import { z } from 'zod';
import { dateSpan, httpUrl, id, lang, partialDate, sources, text } from './shared.ts';

export const SOURCE_KINDS = [
  'news-article', 'wire-report', 'tv-report', 'government-report', 'social-media-post',
  'encyclopedia', 'website', 'other',
] as const;

/** Something the dossier cites. A URL is never required: only give one you read. */
export const sourceSchema = z.strictObject({
  title: text.meta({ description: 'The title as printed.' }),
  subtitle: text.optional().meta({ description: 'The subtitle or standfirst as printed.' }),
  kind: z.enum(SOURCE_KINDS).meta({ description: 'What sort of source.' }),
  publisher: text.optional().meta({ description: 'Who published it (outlet, agency).' }),
  publisherActor: id.optional().meta({ description: 'The publisher\'s actor id, when it is an actor in the dossier.' }),
  author: text.optional().meta({ description: 'Author(s), when known.' }),
  published: dateSpan.optional().meta({ description: 'When it was published (any date form).' }),
  dateNote: text.optional().meta({ description: 'How the publication date was derived, when not printed.' }),
  url: httpUrl.optional().meta({ description: 'Where it can be read (http/https).' }),
  accessed: partialDate.optional().meta({ description: 'When the URL was read (YYYY-MM-DD).' }),
  language: lang.optional().meta({ description: 'Its language tag (en, ar …).' }),
  notes: text.optional().meta({ description: 'Anything a reader should know about it.' }),
  sources: sources.default([]).meta({ description: 'Where this source itself is reported (e.g. a TV report known through an article).' }),
  updated: partialDate.optional().meta({ description: 'When the entry was last edited.' }),
});

export type Source = z.output<typeof sourceSchema>;
