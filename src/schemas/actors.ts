import { z } from 'zod';
import { endsBeforeStart, isoDate } from '../domain/dates.ts';
import { common, dateSpan, id, partialDate, sources, text } from './shared.ts';

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
  /** member-of | unit-of | leader-of | spokesperson-of | adviser-to | backed-by | allied-with | opposed-to | formerly-member-of */
  type: z.enum(RELATION_TYPES),
  /** The other actor's id. */
  target: id,
  /** A short qualifier, e.g. "the 45th Brigade". */
  note: text.optional(),
  /** When the relation began (any date form). */
  start: partialDate.optional(),
  /** When it ended. */
  end: partialDate.optional(),
  /** True when start/end are approximate. */
  circa: z.boolean().default(false),
  /** Sources for this relation. */
  sources: sources.min(1, 'needs at least one source'),
}).superRefine((r, ctx) => {
  // The same rule, and words, as a date field's { start, end } (parseDateSpan).
  if (r.start && r.end && endsBeforeStart(r.start, r.end)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: `ends (${isoDate(r.end)}) before it starts (${isoDate(r.start)})` });
  }
});

/** A listing of the actor by a government or body (e.g. a terrorist designation). */
export const designation = z.strictObject({
  /** The designating actor's id. */
  by: id,
  /** The list or status, e.g. "Foreign Terrorist Organization". */
  list: text,
  /** When (any date form). */
  date: dateSpan.optional(),
  /** A note, e.g. on conflicting dates. */
  note: text.optional(),
  sources: sources.min(1, 'needs at least one source'),
});

/** A reported size: a value or a min–max range, at a date, from a source. */
export const sizeEstimate = z.strictObject({
  /** A single figure. */
  value: z.number().int().positive().optional(),
  /** Low end of a range. */
  min: z.number().int().positive().optional(),
  /** High end of a range. */
  max: z.number().int().positive().optional(),
  /** What is counted, e.g. "fighters". */
  unit: text.optional(),
  /** When the estimate applies. */
  date: dateSpan.optional(),
  /** A short note or quote. */
  note: text.optional(),
  sources: sources.min(1, 'needs at least one source'),
}).superRefine((s, ctx) => {
  if (s.value === undefined && s.min === undefined && s.max === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'needs a value, or min and max', path: ['value'] });
  }
  if (s.min !== undefined && s.max !== undefined && s.max < s.min) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `max (${s.max}) is below min (${s.min})`, path: ['max'] });
  }
});

/** An armed group, state, agency, person or media outlet. */
export const actorSchema = z.strictObject({
  /** The name used throughout the dossier. */
  name: text,
  /** What sort of actor this is. */
  kind: z.enum(ACTOR_KINDS),
  ...common,
  /** Typed links to other actors. */
  relations: z.array(relation).default([]),
  /** Listings by governments or bodies. */
  designations: z.array(designation).default([]),
  /** Reported sizes. */
  sizeEstimates: z.array(sizeEstimate).default([]),
});

export type Actor = z.output<typeof actorSchema>;
export type Relation = z.output<typeof relation>;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type RelationType = (typeof RELATION_TYPES)[number];
