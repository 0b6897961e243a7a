import { z } from 'zod';
import { mustBe } from '../domain/problems.ts';
import { liftReadings } from '../domain/readings.ts';
import { common, id, readable, text } from './shared.ts';

export const PLACE_KINDS = [
  'country', 'region', 'governorate', 'city', 'town', 'village', 'facility',
  'oil-field', 'river', 'border-area', 'other',
] as const;

/** A point from a nameable gazetteer. */
export const coordinates = z.strictObject({
  lat: z.number({ error: mustBe('a number of degrees') }).min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90').meta({ description: 'Latitude in degrees, −90 to 90 (north positive).' }),
  lon: z.number({ error: mustBe('a number of degrees') }).min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180').meta({ description: 'Longitude in degrees, −180 to 180 (east positive).' }),
  precision: z.enum(['exact', 'approximate']).default('approximate').meta({ description: 'exact | approximate' }),
  source: id.optional().meta({ description: 'The source (gazetteer) the coordinates come from.' }),
});

/** A country, town, facility, river or border area. */
export const placeSchema = z.strictObject({
  name: text.meta({ description: 'The name used throughout the dossier.' }),
  kind: z.enum(PLACE_KINDS).meta({ description: 'What sort of place.' }),
  ...common,
  parent: id.optional().meta({ description: 'The place (country or region) it lies in.' }),
  countries: z.array(id).default([]).meta({ description: 'For places in several countries (rivers, borders): their ids.' }),
  coordinates: readable(coordinates).optional().meta({ description: 'Where it is, if a gazetteer gives it; or { readings: [...] } where sources place it differently.' }),
}).transform(liftReadings(['coordinates']));

export type Place = z.output<typeof placeSchema>;
export type PlaceKind = (typeof PLACE_KINDS)[number];
