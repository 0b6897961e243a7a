import { z } from 'zod';
import { httpUrl, lang, text } from './shared.ts';

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
});

export type SiteConfig = z.output<typeof siteSchema>;
