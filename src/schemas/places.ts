import { z } from 'zod';
import { common, id, text } from './shared.ts';

export const PLACE_KINDS = [
  'country', 'region', 'governorate', 'city', 'town', 'village', 'facility',
  'oil-field', 'river', 'border-area', 'other',
] as const;

/** A point from a nameable gazetteer. */
export const coordinates = z.strictObject({
  /** Latitude in degrees, −90 to 90 (north positive). */
  lat: z.number({ invalid_type_error: 'must be a number of degrees' }).min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
  /** Longitude in degrees, −180 to 180 (east positive). */
  lon: z.number({ invalid_type_error: 'must be a number of degrees' }).min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
  /** exact | approximate */
  precision: z.enum(['exact', 'approximate']).default('approximate'),
  /** The source (gazetteer) the coordinates come from. */
  source: id.optional(),
});

/** A country, town, facility, river or border area. */
export const placeSchema = z.strictObject({
  /** The name used throughout the dossier. */
  name: text,
  /** What sort of place. */
  kind: z.enum(PLACE_KINDS),
  ...common,
  /** The place (country or region) it lies in. */
  parent: id.optional(),
  /** For places in several countries (rivers, borders): their ids. */
  countries: z.array(id).default([]),
  /** Where it is, if a gazetteer gives it. */
  coordinates: coordinates.optional(),
});

export type Place = z.output<typeof placeSchema>;
export type PlaceKind = (typeof PLACE_KINDS)[number];
