import { z } from 'zod';
import { coveringSpan, liftReadings } from '../domain/readings.ts';
import { common, dateSpan, id, readable, sources, text } from './shared.ts';

export const EVENT_STATUSES = ['confirmed', 'reported', 'claimed', 'disputed'] as const;

/** An actor taking part in an event, with its role. */
export const participant = z.strictObject({
  actor: id.meta({ description: 'The actor\'s id.' }),
  role: text.optional().meta({ description: 'Its role in plain words, e.g. attacker, announcer, target.' }),
});

/** Something that happened, dated with honest precision. */
export const eventSchema = z.strictObject({
  title: text.meta({ description: 'A short neutral headline.' }),
  date: readable(dateSpan, coveringSpan).meta({ description: 'When: 2017-11-03, 2017-11, 2015, { on: 2015, circa: true } or { start, end }; or { readings: [...] } where sources disagree.' }),
  dateNote: text.optional().meta({ description: 'How the date was derived, when it is not stated outright.' }),
  status: z.enum(EVENT_STATUSES).default('confirmed').meta({ description: 'confirmed | reported | claimed | disputed' }),
  places: z.array(id).default([]).meta({ description: 'Where it happened: place ids.' }),
  participants: z.array(participant).default([]).meta({ description: 'Who took part.' }),
  ...common,
  sources: sources.min(1, 'needs at least one source: every event is cited').meta({ description: 'Sources for the entry as a whole.' }),
}).transform(liftReadings(['date']));

export type Event = z.output<typeof eventSchema>;
export type EventStatus = (typeof EVENT_STATUSES)[number];
