/**
 * JSON Schemas for editors and other tools, generated from the Zod schemas in
 * src/schemas/ (the one source of truth) by `npm run schemas` into schemas/json/.
 *
 * Two things Zod cannot say by itself are added here:
 * - the date fields are `z.any().transform(parse)`, which would come out as "anything";
 *   they get their real shape (a year, "YYYY-MM(-DD)", { on, circa } or { start, end, circa });
 * - the field descriptions are the doc comments written above each field in src/schemas/*.ts;
 *   they are read from the source with the TypeScript parser and matched to each object by its
 *   set of field names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { z } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { schemas, type CollectionName } from '../schemas/index.ts';
import { dateSpan, partialDate } from '../schemas/shared.ts';
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

/** Field docs per object literal in the schema sources: one map per `z.strictObject({...})` (or `common`). */
export function readFieldDocs(schemaDir: string): Map<string, string>[] {
  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.ts')).sort();
  const named = new Map<string, ts.ObjectLiteralExpression>();
  const literals: ts.ObjectLiteralExpression[] = [];
  const sources: ts.SourceFile[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(schemaDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    sources.push(source);
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) literals.push(node);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
        named.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const docsOf = (literal: ts.ObjectLiteralExpression, depth = 0): Map<string, string> => {
    const docs = new Map<string, string>();
    for (const prop of literal.properties) {
      if (ts.isSpreadAssignment(prop) && ts.isIdentifier(prop.expression) && depth < 5) {
        const target = named.get(prop.expression.text);
        if (target) for (const [k, v] of docsOf(target, depth + 1)) docs.set(k, v);
        continue;
      }
      if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
      const doc = ts.getJSDocCommentsAndTags(prop).map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ').trim();
      // A field re-declared without a comment keeps the shared one (events' `sources`).
      if (doc || !docs.has(prop.name.text)) docs.set(prop.name.text, doc);
    }
    return docs;
  };
  return literals.map((l) => docsOf(l)).filter((d) => [...d.values()].some(Boolean));
}

/** Adds the doc comment of each field to objects whose field names match one object literal exactly. */
function addDescriptions(node: unknown, docs: Map<string, string>[]): void {
  if (Array.isArray(node)) {
    node.forEach((n) => addDescriptions(n, docs));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  const props = obj.properties as Record<string, Json> | undefined;
  if (props && typeof props === 'object') {
    const keys = Object.keys(props);
    const match = docs.find((d) => d.size === keys.length && keys.every((k) => d.has(k)));
    if (match) {
      for (const key of keys) {
        const doc = match.get(key);
        // The field's own comment is more specific than a shared type's description.
        if (doc) {
          const { description: _shared, ...rest } = props[key];
          props[key] = { description: doc, ...rest };
        }
      }
    }
  }
  for (const value of Object.values(obj)) addDescriptions(value, docs);
}

function generate(schema: z.ZodTypeAny, title: string, description: string, docs: Map<string, string>[]): Json {
  const json = zodToJsonSchema(schema, {
    $refStrategy: 'none',
    override: (def) => {
      if (def === partialDate._def) return { ...PARTIAL_DATE, description: partialDate.description };
      if (def === dateSpan._def) return { ...DATE_SPAN, description: dateSpan.description };
      return ignoreOverride;
    },
  }) as Json;
  addDescriptions(json, docs);
  // An editor shows the title and description when hovering the file's first line.
  const { $schema, ...rest } = json;
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
export function jsonSchemaFiles(repoRoot: string): Record<string, string> {
  const docs = readFieldDocs(path.join(repoRoot, 'src/schemas'));
  const files: Record<string, string> = {};
  const write = (name: string, json: Json) => { files[name] = `${JSON.stringify(json, null, 2)}\n`; };
  for (const [collection, schema] of Object.entries(schemas) as [CollectionName, z.ZodTypeAny][]) {
    write(`${collection}.schema.json`, generate(schema, `Dossier ${collection.replace(/s$/, '')}`, COLLECTION_DESCRIPTIONS[collection], docs));
  }
  write('dossier.schema.json', generate(siteSchema, 'Dossier settings', 'dossier.yml at the root of a dossier\'s content folder: settings for the whole site. Every field is optional.', docs));
  return files;
}
