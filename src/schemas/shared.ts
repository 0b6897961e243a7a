/**
 * Parts shared by every collection: ids, dates with precision, source citations,
 * aliases and native names. Each field carries its description as metadata
 * (`.meta({ description })`): the generated JSON Schema gives it to editors.
 */
import { z } from 'zod';
import { ALTERNATIVES, dossierErrorMap, explainIssue, mustBe } from '../domain/problems.ts';
import { headValue, type Readable, type ReadingSet } from '../domain/readings.ts';
import { parseDateSpan, parsePartialDate, type DateSpan, type PartialDate } from '../domain/dates.ts';

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An entry id: the file name without extension, lowercase kebab-case. */
export const id = z
  .string({ error: mustBe('an id (text like ministry-of-defence)') })
  .regex(ID_PATTERN, 'must be an id: lowercase letters, digits and hyphens (e.g. ministry-of-defence)');

/** A single date at its precision: 2017, 2017-11 or 2017-11-03. */
export const partialDate = z.any().transform((value, ctx): PartialDate => {
  const parsed = parsePartialDate(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message, path: parsed.path ?? [] });
  return z.NEVER;
}).meta({ description: 'A date at its precision: YYYY, YYYY-MM or YYYY-MM-DD.' });

/** A date field: a date, `{ on, circa }`, or a period `{ start, end, circa }`. */
export const dateSpan = z.any().transform((value, ctx): DateSpan => {
  const parsed = parseDateSpan(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message, path: parsed.path ?? [] });
  return z.NEVER;
}).meta({ description: 'A date (2017, 2017-11, 2017-11-03), { on: 2015, circa: true } or { start: 2009, end: 2011 }.' });

/** A URL a reader can open: http(s) only. */
export const httpUrl = z
  .url({ error: 'must be a full web address starting with https://' })
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https:// (other schemes are refused)');

/** Plain one-line text: no control or bidirectional-override characters. */
export const text = z
  .string({ error: mustBe('text') })
  .min(1, 'is empty')
  .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/.test(s), 'contains invisible control or text-direction override characters: remove them');

/** A citation of a source entry: its id, or `{ source, locator }`. */
export const sourceRef = z.union([
  id,
  z.strictObject({
    source: id.meta({ description: 'The id of an entry in sources/.' }),
    locator: text.optional().meta({ description: 'Where in the source: a short exact quote or "para 3".' }),
  }),
], { error: 'must be a source id or { source: id, locator: "…" }' })
  .transform((v) => (typeof v === 'string' ? { source: v } : v));

/** The sources a statement rests on. */
export const sources = z.array(sourceRef, { error: mustBe('a list of source ids') });

/** A language tag: en, ar, fa, ku … */
export const lang = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or ar');

export const ALIAS_KINDS = ['abbreviation', 'former-name', 'transliteration', 'translation', 'misspelling', 'nickname', 'other'] as const;

/** Another name under which readers or sources know the entry. */
export const alias = z.strictObject({
  name: text.meta({ description: 'The name as written.' }),
  kind: z.enum(ALIAS_KINDS).default('other').meta({ description: 'abbreviation | former-name | transliteration | translation | misspelling | nickname | other' }),
  lang: lang.optional().meta({ description: 'Language or script of the name (e.g. ar).' }),
  source: id.optional().meta({ description: 'The source in which this form was seen (useful for misspellings).' }),
});

/** The name in its own language and script. */
export const nativeName = z.strictObject({
  text: text.meta({ description: 'The name as written natively (e.g. Arabic script).' }),
  lang: lang.meta({ description: 'Its language tag (e.g. ar).' }),
});

/** Fields every actor, place and event has. */
export const common = {
  summary: text.optional().meta({ description: 'One or two plain sentences: what this is.' }),
  aliases: z.array(alias).default([]).meta({ description: 'Other names, spellings and abbreviations.' }),
  nativeName: nativeName.optional().meta({ description: 'The name in its own language and script.' }),
  sources: sources.default([]).meta({ description: 'Sources for the entry as a whole.' }),
  updated: partialDate.optional().meta({ description: 'When the entry was last edited (YYYY-MM-DD).' }),
};

export type SourceRef = z.output<typeof sourceRef>;
export type Alias = z.output<typeof alias>;

/**
 * The parts of each readings-capable field, by its schema's definition (which `.meta()` and
 * `.optional()` copies share): the JSON Schema and the "did you mean" hints read them.
 */
export const READABLE = new WeakMap<object, { value: z.ZodType; group: z.ZodType }>();

/**
 * A field that holds one cited value, or several readings of it where sources disagree
 * (src/domain/readings.ts): its plain value, or `{ readings: [{ value, sources, note?,
 * preferred? }, …], why? }`. Each reading's value is checked like the plain value, and a
 * problem names the reading: `date.readings[1].value: …`. The object holding the field lifts
 * it with liftReadings (its value stays in place, its readings go under `readings`).
 * `combine` gives the field's one value when no reading is preferred (else the first's).
 */
export function readable<T extends z.ZodType>(value: T, combine?: (set: ReadingSet<z.output<T>>) => z.output<T>) {
  const reading = z.strictObject({
    value: value.meta({ description: 'The value this reading gives (written like the plain field).' }),
    sources: sources.min(1, 'needs at least one source: a reading is what a source says').meta({ description: 'The sources that give this reading.' }),
    note: text.optional().meta({ description: 'What the reading is of, e.g. signed, announced, effective.' }),
    preferred: z.boolean({ error: mustBe('true or false') }).optional().meta({ description: 'True on the one reading the dossier follows.' }),
  });
  const group = z.strictObject({
    readings: z.array(reading, { error: mustBe('a list of readings') })
      .min(2, 'needs at least two readings (with one, write the value itself and cite its source)')
      .meta({ description: 'What each source gives: two or more readings.' }),
    why: text.optional().meta({ description: 'Why the dossier follows the preferred reading.' }),
  }).superRefine((g, ctx) => {
    const marked = g.readings.flatMap((r, i) => (r.preferred ? [i] : []));
    if (marked.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['readings', marked[1], 'preferred'], message: `only one reading can be preferred (readings[${marked[0]}] already is)` });
    }
    if (g.why !== undefined && !marked.length) {
      ctx.addIssue({ code: 'custom', path: ['why'], message: 'says why a reading is followed, but no reading is marked preferred: true' });
    }
  });
  type Out = z.output<T>;
  const field = z.any().transform((input, ctx): Readable<Out> => {
    const isGroup = !!input && typeof input === 'object' && !Array.isArray(input) && !(input instanceof Date) && 'readings' in input;
    const schema: z.ZodType = isGroup ? group : value;
    const parsed = schema.safeParse(input, { error: dossierErrorMap });
    if (!parsed.success) {
      // Worded against the schema that was used (its fields for "did you mean"), then passed on as they are.
      for (const m of parsed.error.issues.flatMap((issue) => explainIssue(issue, schema))) ctx.addIssue({ code: 'custom', path: m.path, message: m.message });
      return z.NEVER;
    }
    if (!isGroup) return { value: parsed.data as Out };
    const set = parsed.data as ReadingSet<Out>;
    return { value: headValue(set, combine), set };
  });
  READABLE.set(field.def, { value, group });
  ALTERNATIVES.set(field.def, [value, group]);
  return field;
}
