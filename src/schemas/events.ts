import { z } from 'zod';
import { common, dateSpan, id, sources, text } from './shared.ts';

export const EVENT_STATUSES = ['confirmed', 'reported', 'claimed', 'disputed'] as const;

/** An actor taking part in an event, with its role. */
export const participant = z.strictObject({
  /** The actor's id. */
  actor: id,
  /** Its role in plain words, e.g. attacker, announcer, target. */
  role: text.optional(),
});

/** Something that happened, dated with honest precision. */
export const eventSchema = z.strictObject({
  /** A short neutral headline. */
  title: text,
  /** When: 2017-11-03, 2017-11, 2015, { on: 2015, circa: true } or { start, end }. */
  date: dateSpan,
  /** How the date was derived, when it is not stated outright. */
  dateNote: text.optional(),
  /** confirmed | reported | claimed | disputed */
  status: z.enum(EVENT_STATUSES).default('confirmed'),
  /** Where it happened: place ids. */
  places: z.array(id).default([]),
  /** Who took part. */
  participants: z.array(participant).default([]),
  ...common,
  sources: sources.min(1, 'needs at least one source: every event is cited'),
});

export type Event = z.output<typeof eventSchema>;
export type EventStatus = (typeof EVENT_STATUSES)[number];
