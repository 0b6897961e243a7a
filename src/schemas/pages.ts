import { z } from 'zod';
import { partialDate, text } from './shared.ts';

/** An explainer page; pages/overview is the home page's text. */
export const pageSchema = z.strictObject({
  title: text.meta({ description: 'The page title.' }),
  summary: text.optional().meta({ description: 'One or two sentences for previews and search.' }),
  order: z.number().int().default(100).meta({ description: 'Position in the navigation (lower first).' }),
  updated: partialDate.optional().meta({ description: 'When the page was last edited.' }),
});

export type Page = z.output<typeof pageSchema>;
