/** CONTRIBUTING.md stays accurate: its field reference against src/schemas/, its commands against package.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { keysAt } from '../../src/domain/problems.ts';
import { schemas } from '../../src/schemas/index.ts';
import { EVENT_STATUSES } from '../../src/schemas/events.ts';
import { ALIAS_KINDS } from '../../src/schemas/shared.ts';
import { siteSchema } from '../../src/schemas/site.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const guide = readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');

/** The first ```yaml block after a heading. */
function yamlBlockAfter(heading: string): string {
  const at = guide.indexOf(`\n${heading}\n`);
  expect(at, `CONTRIBUTING.md has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const m = /```yaml\n([\s\S]*?)```/.exec(guide.slice(at));
  return m ? m[1] : '';
}
const mentions = (block: string, key: string) => new RegExp(`(^|[\\s{,])${key}:`, 'm').test(block);

describe('CONTRIBUTING.md field reference', () => {
  const nested: Record<string, (string | number)[][]> = {
    actors: [['relations', 0], ['designations', 0], ['sizeEstimates', 0]],
    places: [['coordinates']],
    events: [['participants', 0], ['sources', 0]],
    sources: [],
    pages: [],
  };
  it.each(Object.keys(schemas) as (keyof typeof schemas)[])('### %s/ shows every field of the schema, nested ones included', (collection) => {
    const block = yamlBlockAfter(`### ${collection}/`);
    const schema = schemas[collection] as z.ZodType;
    for (const p of [[], ...nested[collection]]) {
      for (const key of keysAt(schema, p)) expect(mentions(block, key), `${collection}: ${[...p, key].join('.')}`).toBe(true);
    }
  });

  it('the dossier.yml section shows every setting', () => {
    const block = yamlBlockAfter('### dossier.yml (optional, at the root of the content folder)');
    for (const key of keysAt(siteSchema, [])) expect(mentions(block, key), key).toBe(true);
  });

  it('lists every alias kind and event status the schemas allow', () => {
    for (const kind of ALIAS_KINDS) expect(guide).toContain(`\`${kind}\``);
    for (const key of keysAt(schemas.actors as z.ZodType, ['aliases', 0])) expect(guide).toContain(`${key}`);
    for (const status of EVENT_STATUSES) expect(guide).toContain(`\`${status}\``);
  });
});

describe('CONTRIBUTING.md commands', () => {
  it('every "npm run <script>" it mentions exists in package.json', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
    const used = [...new Set([...guide.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]))];
    expect(used.length).toBeGreaterThan(4);
    expect(used.filter((s) => !scripts.includes(s))).toEqual([]);
  });
});
