import { z } from 'zod';
import { partialDate, text } from './shared.ts';

/** An explainer page; pages/overview is the home page's text. */
export const pageSchema = z.strictObject({
  /** The page title. */
  title: text,
  /** One or two sentences for previews and search. */
  summary: text.optional(),
  /** Position in the navigation (lower first). */
  order: z.number().int().default(100),
  /** When the page was last edited. */
  updated: partialDate.optional(),
});

export type Page = z.output<typeof pageSchema>;
