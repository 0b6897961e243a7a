/** Astro's view of the dossier: one glob-loaded collection per folder of the content root. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { schemas, type CollectionName } from './schemas/index.ts';
import { contentRoot } from './pipeline/load.ts';
import { tolerantInPreview } from './integrations/preview-loader.ts';

const root = contentRoot();
const collection = <C extends CollectionName>(name: C) =>
  defineCollection({ loader: tolerantInPreview(glob({ pattern: '**/*.{md,mdx}', base: `${root}/${name}` }), schemas[name]), schema: schemas[name] });

export const collections = {
  actors: collection('actors'),
  places: collection('places'),
  events: collection('events'),
  sources: collection('sources'),
  pages: collection('pages'),
};
