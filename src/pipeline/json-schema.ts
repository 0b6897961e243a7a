/**
 * JSON Schemas for editors and other tools, generated from the Zod schemas in
 * src/schemas/ (the one source of truth) by `npm run schemas` into schemas/json/, with
 * Zod's own `z.toJSONSchema()`. Field descriptions are the schemas' metadata
 * (`.meta({ description })` on each field).
 *
 * One thing Zod cannot say by itself is added here: the date fields are
 * `z.any().transform(parse)`, which would come out as "anything"; they get their real
 * shape (a year, "YYYY-MM(-DD)", { on, circa } or { start, end, circa }); so do the fields that
 * allow readings (readable(): the plain value, or { readings: [...], why }).
 */
import { z } from 'zod';
import { schemas, type CollectionName } from '../schemas/index.ts';
import { dateSpan, partialDate, READABLE } from '../schemas/shared.ts';
import { siteSchema } from '../schemas/site.ts';

type Json = { [key: string]: unknown };

/** Where the generated files live, relative to the repository root. */
export const JSON_SCHEMA_DIR = 'schemas/json';

/** The same forms parsePartialDate accepts (src/domain/dates.ts). */
const PARTIAL_DATE: Json = {
  anyOf: [
    { type: 'integer', minimum: 1000, maximum: 9999, description: 'A year, e.g. 2017.' },
    { type: 'string', pattern: '^\\d{4}(-\\d{1,2}(-\\d{1,2})?)?$', description: 'YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2017-11 or 2017-11-03.' },
  ],
};

const DATE_SPAN: Json = {
  oneOf: [
    PARTIAL_DATE,
    {
      type: 'object',
      description: 'One approximate date: { on: 2015, circa: true }.',
      properties: { on: PARTIAL_DATE, circa: { type: 'boolean', description: 'True when the date is approximate.' } },
      required: ['on'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'A period: { start: 2009, end: 2011 }; either end may be left out ("from 2015", "until 2011").',
      properties: {
        start: PARTIAL_DATE,
        end: PARTIAL_DATE,
        circa: { type: 'boolean', description: 'True when the dates are approximate.' },
      },
      anyOf: [{ required: ['start'] }, { required: ['end'] }],
      additionalProperties: false,
    },
  ],
};

/** The shape a date schema stands for, when `schema` is one (or a copy of one made by `.meta()`). */
function dateShape(schema: z.ZodType): Json | undefined {
  if (schema.def === partialDate.def) return PARTIAL_DATE;
  if (schema.def === dateSpan.def) return DATE_SPAN;
  return undefined;
}

/** One schema as JSON Schema, with the shapes Zod cannot say by itself (dates, readings) filled in. */
function toJson(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, {
    // What an editor checks is what a contributor writes: the input side of each transform.
    io: 'input',
    target: 'draft-07',
    override: (ctx) => {
      const zodSchema = ctx.zodSchema as unknown as z.ZodType;
      const readable = READABLE.get(zodSchema.def);
      const shape = dateShape(zodSchema) ?? (readable && {
        // A readings-capable field: its plain value, or { readings: [...], why }.
        anyOf: [readable.value, readable.group].map((part) => { const { $schema: _, ...rest } = toJson(part); return rest; }),
      });
      if (!shape) return;
      // A field's own description is more specific than the date type's.
      const own = ctx.jsonSchema.description ?? z.globalRegistry.get(ctx.zodSchema)?.description;
      for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
      Object.assign(ctx.jsonSchema, structuredClone(shape), own ? { description: own } : {});
    },
  }) as Json;
}

function generate(schema: z.ZodType, title: string, description: string): Json {
  // An editor shows the title and description when hovering the file's first line.
  const { $schema, ...rest } = toJson(schema);
  return { $schema, title, description, ...rest };
}

const COLLECTION_DESCRIPTIONS: Record<CollectionName, string> = {
  actors: 'The frontmatter of a Dossier actor (content/actors/*.md): an armed group, state, agency, person or media outlet.',
  places: 'The frontmatter of a Dossier place (content/places/*.md): a country, town, facility, river or border area.',
  events: 'The frontmatter of a Dossier event (content/events/*.md): something that happened, dated with honest precision and cited.',
  sources: 'The frontmatter of a Dossier source (content/sources/*.md): something the dossier cites.',
  pages: 'The frontmatter of a Dossier page (content/pages/*.md): an explainer page.',
};

/** Every generated file: name in schemas/json/ → its text (stable, ends with a newline). */
export function jsonSchemaFiles(_repoRoot?: string): Record<string, string> {
  const files: Record<string, string> = {};
  const write = (name: string, json: Json) => { files[name] = `${JSON.stringify(json, null, 2)}\n`; };
  for (const [collection, schema] of Object.entries(schemas) as [CollectionName, z.ZodType][]) {
    write(`${collection}.schema.json`, generate(schema, `Dossier ${collection.replace(/s$/, '')}`, COLLECTION_DESCRIPTIONS[collection]));
  }
  write('dossier.schema.json', generate(siteSchema, 'Dossier settings', 'dossier.yml at the root of a dossier\'s content folder: settings for the whole site. Every field is optional.'));
  return files;
}
