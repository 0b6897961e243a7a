/**
 * Astro's view of the dossier: one collection per folder of the content root, all read
 * by the dossier's own loader (src/integrations/dossier-loader.ts), in builds and in
 * the preview: the same reading as `npm run check`.
 */
import { defineCollection } from 'astro:content';
import { schemas, type CollectionName } from './schemas/index.ts';
import { contentRoot } from './pipeline/load.ts';
import { dossierLoader } from './integrations/dossier-loader.ts';

const root = contentRoot();
const collection = <C extends CollectionName>(name: C) => defineCollection({ loader: dossierLoader(name, root), schema: schemas[name] });

export const collections = {
  actors: collection('actors'),
  places: collection('places'),
  events: collection('events'),
  sources: collection('sources'),
  pages: collection('pages'),
};
