import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_DIR, jsonSchemaFiles } from '../../src/pipeline/json-schema.ts';
import { loadDossier } from '../../src/pipeline/load.ts';
import { parseYaml, splitFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { COLLECTIONS } from '../../src/schemas/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const generated = jsonSchemaFiles(ROOT);
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validators = Object.fromEntries(Object.entries(generated).map(([name, text]) => [name.replace('.schema.json', ''), ajv.compile(JSON.parse(text))]));

function frontmatter(text: string): unknown {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new Error(split.message);
  const parsed = parseYaml(split.value.yaml);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.data;
}

describe('JSON Schemas generated from the Zod schemas (schemas/json/)', () => {
  it('the committed files are up to date (run "npm run schemas" after changing src/schemas/)', () => {
    const dir = path.join(ROOT, JSON_SCHEMA_DIR);
    const committed = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.schema.json')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, text] of Object.entries(generated)) expect(committed[name], `${JSON_SCHEMA_DIR}/${name} is stale: run npm run schemas`).toBe(text);
  });

  it('has one schema per collection plus dossier.yml, with the doc comments of src/schemas/ as descriptions', () => {
    expect(Object.keys(validators).sort()).toEqual([...COLLECTIONS, 'dossier'].sort());
    const events = JSON.parse(generated['events.schema.json']);
    expect(events.required).toEqual(['title', 'date', 'sources']);
    expect(events.properties.title.description).toBe('A short neutral headline.');
    expect(events.properties.sources.description).toBe('Sources for the entry as a whole.');
    expect(events.properties.participants.items.properties.actor.description).toBe("The actor's id.");
    const actors = JSON.parse(generated['actors.schema.json']);
    expect(actors.properties.relations.items.properties.target.description).toBe("The other actor's id.");
    expect(actors.properties.kind.enum).toContain('armed-group');
  });

  it.each(['content', 'test/fixtures/mini'])('accepts every entry of %s (it agrees with the Zod schemas)', async (dir) => {
    const loaded = await loadDossier(path.join(ROOT, dir));
    expect(loaded.entries.length).toBeGreaterThan(5);
    for (const entry of loaded.entries) {
      const validate = validators[entry.collection];
      const data = frontmatter(readFileSync(path.join(ROOT, dir, entry.file), 'utf8'));
      expect(validate(data) ? [] : validate.errors, entry.file).toEqual([]);
    }
  });

  it.each<[string, string, unknown, boolean]>([
    ['a year', 'events', { title: 'A', date: 2017, sources: ['s'] }, true],
    ['a month', 'events', { title: 'A', date: '2017-11', sources: ['s'] }, true],
    ['a circa date', 'events', { title: 'A', date: { on: 2015, circa: true }, sources: ['s'] }, true],
    ['an open period', 'events', { title: 'A', date: { end: '2011' }, sources: [{ source: 's', locator: 'para 3' }] }, true],
    ['a date in words', 'events', { title: 'A', date: 'Nov 2017', sources: ['s'] }, false],
    ['a two-digit year', 'events', { title: 'A', date: 17, sources: ['s'] }, false],
    ['on and start together', 'events', { title: 'A', date: { on: 2015, start: 2014 }, sources: ['s'] }, false],
    ['an empty period', 'events', { title: 'A', date: { circa: true }, sources: ['s'] }, false],
    ['no sources', 'events', { title: 'A', date: 2017, sources: [] }, false],
    ['an unknown field', 'actors', { name: 'X', kind: 'state', titel: 'Y' }, false],
    ['an unknown kind', 'places', { name: 'X', kind: 'planet' }, false],
    ['a capitalised id', 'events', { title: 'A', date: 2017, sources: ['Report-A'] }, false],
    ['dossier.yml with a repository', 'dossier', { title: 'T', repoUrl: 'https://github.com/o/r', branch: 'main' }, true],
    ['dossier.yml with a typo', 'dossier', { repoURL: 'https://github.com/o/r' }, false],
  ])('%s: %s → valid %s', (_name, schema, data, valid) => {
    expect(validators[schema](data)).toBe(valid);
  });
});
