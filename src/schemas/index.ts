/** The collections of a dossier and their schemas: the one source of truth. */
import type { z } from 'zod';
import { actorSchema, type Actor } from './actors.ts';
import { eventSchema, type Event } from './events.ts';
import { pageSchema, type Page } from './pages.ts';
import { placeSchema, type Place } from './places.ts';
import { sourceSchema, type Source } from './sources.ts';

export const schemas = {
  actors: actorSchema,
  places: placeSchema,
  events: eventSchema,
  sources: sourceSchema,
  pages: pageSchema,
} as const satisfies Record<string, z.ZodType>;

export type CollectionName = keyof typeof schemas;
export const COLLECTIONS = Object.keys(schemas) as CollectionName[];

export interface DataOf {
  actors: Actor;
  places: Place;
  events: Event;
  sources: Source;
  pages: Page;
}

/** Singular nouns for messages: "unknown actor". */
export const SINGULAR: Record<CollectionName, string> = {
  actors: 'actor', places: 'place', events: 'event', sources: 'source', pages: 'page',
};

export type { Actor, Event, Page, Place, Source };
