/** Astro's view of the dossier: one collection per folder of the content root. */
import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { schemas, type CollectionName } from './schemas/index.ts';
import { contentRoot } from './pipeline/load.ts';
import { dossierLoader } from './integrations/dossier-loader.ts';
import { tolerantInPreview } from './integrations/preview-loader.ts';

const root = contentRoot();
/** Builds store the entries the check already read (fast); the preview watches files with glob(). */
function loader<C extends CollectionName>(name: C): Loader {
  const preview = tolerantInPreview(glob({ pattern: '**/*.{md,mdx}', base: `${root}/${name}` }), schemas[name]);
  const build = dossierLoader(name, root);
  // Astro passes a file watcher only to the dev server.
  return { name: 'dossier', load: (context) => (context.watcher ? preview : build).load(context) };
}
const collection = <C extends CollectionName>(name: C) => defineCollection({ loader: loader(name), schema: schemas[name] });

export const collections = {
  actors: collection('actors'),
  places: collection('places'),
  events: collection('events'),
  sources: collection('sources'),
  pages: collection('pages'),
};
