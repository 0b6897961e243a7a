import { z } from 'zod';
import { firstMoment, lastMoment } from '../domain/dates.ts';
import { httpUrl, lang, partialDate, text } from './shared.ts';

/** dossier.yml at the content root: settings for the whole site. All optional. */
export const siteSchema = z.strictObject({
  title: text.default('Dossier').meta({ description: 'The site\'s title, shown in every header.' }),
  description: text.default('A cited, cross-linked explainer.').meta({ description: 'One sentence for search engines and link previews.' }),
  language: lang.default('en').meta({ description: 'The language of the prose (en, ar …).' }),
  siteUrl: httpUrl.optional().meta({ description: 'Where the site is published, for canonical URLs, the feed and the sitemap.' }),
  repoUrl: httpUrl.optional().meta({ description: 'The repository\'s web address, for "Edit this page" links.' }),
  branch: text.default('main').meta({ description: 'The branch edits are proposed against.' }),
  contentPath: text.default('content').meta({ description: 'The content folder\'s path inside the repository, for edit links.' }),
  focus: z.strictObject({
    title: text.meta({ description: 'The heading of that timeline.' }),
    from: partialDate.meta({ description: 'Its first day, month or year: 2017-10, 2017-10-26, 2017.' }),
    to: partialDate.meta({ description: 'Its last day, month or year (the whole of it is included).' }),
  }).refine((f) => lastMoment(f.to) > firstMoment(f.from), { message: '"to" must come after "from"', path: ['to'] }).optional().meta({
    description: 'The period the dossier is about. The home page then shows a timeline of just that period first (e.g. "October–November 2017"), and the timeline of all events after it.',
  }),
});

export type SiteConfig = z.output<typeof siteSchema>;
