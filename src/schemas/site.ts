import { z } from 'zod';
import { firstMoment, lastMoment } from '../domain/dates.ts';
import { httpUrl, lang, partialDate, text } from './shared.ts';

/** dossier.yml at the content root: settings for the whole site. All optional. */
export const siteSchema = z.strictObject({
  /** The site's title, shown in every header. */
  title: text.default('Dossier'),
  /** One sentence for search engines and link previews. */
  description: text.default('A cited, cross-linked explainer.'),
  /** The language of the prose (en, ar …). */
  language: lang.default('en'),
  /** Where the site is published, for canonical URLs, the feed and the sitemap. */
  siteUrl: httpUrl.optional(),
  /** The repository's web address, for "Edit this page" links. */
  repoUrl: httpUrl.optional(),
  /** The branch edits are proposed against. */
  branch: text.default('main'),
  /** The content folder's path inside the repository, for edit links. */
  contentPath: text.default('content'),
  /**
   * The period the dossier is about. The home page then shows a timeline of just that
   * period first (e.g. "October–November 2017"), and the timeline of all events after it.
   */
  focus: z.strictObject({
    /** The heading of that timeline. */
    title: text,
    /** Its first day, month or year: 2017-10, 2017-10-26, 2017. */
    from: partialDate,
    /** Its last day, month or year (the whole of it is included). */
    to: partialDate,
  }).refine((f) => lastMoment(f.to) > firstMoment(f.from), { message: '"to" must come after "from"', path: ['to'] }).optional(),
});

export type SiteConfig = z.output<typeof siteSchema>;
