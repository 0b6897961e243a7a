/** Plain collections: the glob loader and a simple schema (the bench's bare baseline). */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const root = process.env.DOSSIER_CONTENT_DIR;
if (!root) throw new Error('Set DOSSIER_CONTENT_DIR to the dossier to build.');

const simple = z.object({ name: z.string().optional(), title: z.string().optional(), summary: z.string().optional() }).loose();
const collection = (name: string) => defineCollection({ loader: glob({ pattern: '**/*.md', base: `${root}/${name}` }), schema: simple });

export const collections = {
  actors: collection('actors'),
  places: collection('places'),
  events: collection('events'),
  sources: collection('sources'),
  pages: collection('pages'),
};
