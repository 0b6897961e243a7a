import { z } from 'zod';
import { endsBeforeStart, isoDate } from '../domain/dates.ts';
import { coveringSpan, liftReadings } from '../domain/readings.ts';
import { common, dateSpan, id, partialDate, readable, sources, text } from './shared.ts';

export const ACTOR_KINDS = [
  'armed-group', 'militia-umbrella', 'state', 'government-body', 'agency', 'armed-forces',
  'coalition', 'political-party', 'person', 'media-outlet', 'other',
] as const;

export const RELATION_TYPES = [
  'member-of', 'unit-of', 'leader-of', 'spokesperson-of', 'adviser-to',
  'backed-by', 'allied-with', 'opposed-to', 'formerly-member-of',
] as const;

/** A typed, dated, sourced link from this actor to another. */
export const relation = z.strictObject({
  type: z.enum(RELATION_TYPES).meta({ description: 'member-of | unit-of | leader-of | spokesperson-of | adviser-to | backed-by | allied-with | opposed-to | formerly-member-of' }),
  target: id.meta({ description: 'The other actor\'s id.' }),
  note: text.optional().meta({ description: 'A short qualifier, e.g. "the 45th Brigade".' }),
  unit: readable(text).optional().meta({ description: 'The unit it forms within the target (unit-of), e.g. "45th Brigade"; or { readings: [...] } where sources disagree.' }),
  start: partialDate.optional().meta({ description: 'When the relation began (any date form).' }),
  end: partialDate.optional().meta({ description: 'When it ended.' }),
  circa: z.boolean().default(false).meta({ description: 'True when start/end are approximate.' }),
  sources: sources.min(1, 'needs at least one source').meta({ description: 'Sources for this relation.' }),
}).superRefine((r, ctx) => {
  // The same rule, and words, as a date field's { start, end } (parseDateSpan).
  if (r.start && r.end && endsBeforeStart(r.start, r.end)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `ends (${isoDate(r.end)}) before it starts (${isoDate(r.start)})` });
  }
}).transform(liftReadings(['unit']));

/** A listing of the actor by a government or body (e.g. a terrorist designation). */
export const designation = z.strictObject({
  by: id.meta({ description: 'The designating actor\'s id.' }),
  list: text.meta({ description: 'The list or status, e.g. "Foreign Terrorist Organization".' }),
  date: readable(dateSpan, coveringSpan).optional().meta({ description: 'When (any date form); or { readings: [...] } where sources disagree.' }),
  note: text.optional().meta({ description: 'A note, e.g. on conflicting dates.' }),
  sources: sources.min(1, 'needs at least one source'),
}).transform(liftReadings(['date']));

/** A reported size: a value or a min–max range, at a date, from a source. */
export const sizeEstimate = z.strictObject({
  value: readable(z.number().int().positive()).optional().meta({ description: 'A single figure; or { readings: [...] } where sources disagree.' }),
  min: z.number().int().positive().optional().meta({ description: 'Low end of a range.' }),
  max: z.number().int().positive().optional().meta({ description: 'High end of a range.' }),
  unit: text.optional().meta({ description: 'What is counted, e.g. "fighters".' }),
  date: dateSpan.optional().meta({ description: 'When the estimate applies.' }),
  note: text.optional().meta({ description: 'A short note or quote.' }),
  sources: sources.min(1, 'needs at least one source'),
}).superRefine((s, ctx) => {
  if (s.value === undefined && s.min === undefined && s.max === undefined) {
    ctx.addIssue({ code: 'custom', message: 'needs a value, or min and max', path: ['value'] });
  }
  if (s.min !== undefined && s.max !== undefined && s.max < s.min) {
    ctx.addIssue({ code: 'custom', message: `max (${s.max}) is below min (${s.min})`, path: ['max'] });
  }
}).transform(liftReadings(['value']));

/** An armed group, state, agency, person or media outlet. */
export const actorSchema = z.strictObject({
  name: text.meta({ description: 'The name used throughout the dossier.' }),
  kind: z.enum(ACTOR_KINDS).meta({ description: 'What sort of actor this is.' }),
  ...common,
  relations: z.array(relation).default([]).meta({ description: 'Typed links to other actors.' }),
  designations: z.array(designation).default([]).meta({ description: 'Listings by governments or bodies.' }),
  sizeEstimates: z.array(sizeEstimate).default([]).meta({ description: 'Reported sizes.' }),
});

export type Actor = z.output<typeof actorSchema>;
export type Relation = z.output<typeof relation>;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type RelationType = (typeof RELATION_TYPES)[number];
