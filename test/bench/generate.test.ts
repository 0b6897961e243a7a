import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryCounts, generateDossier, writeDossier } from '../../bench/generate.ts';
import { checkDossier } from '../../src/pipeline/check.ts';

describe('the synthetic dossier generator (npm run bench)', () => {
  it('is deterministic: the same N and seed give the same files, another seed different ones', () => {
    const a = generateDossier(120, 5);
    const b = generateDossier(120, 5);
    expect([...a.files]).toEqual([...b.files]);
    expect([...generateDossier(120, 6).files]).not.toEqual([...a.files]);
  });

  it('splits N into ~10% actors, 10% places, 75% events and 5% sources', () => {
    expect(entryCounts(1000)).toEqual({ actors: 100, places: 100, sources: 50, events: 750 });
    const { files } = generateDossier(200, 1);
    const count = (c: string) => [...files.keys()].filter((k) => k.startsWith(`${c}/`)).length;
    expect([count('actors'), count('places'), count('events'), count('sources'), count('pages')]).toEqual([20, 20, 150, 10, 1]);
  });

  it('writes a dossier that npm run check accepts with no error and no warning', async () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'content');
    writeDossier(root, generateDossier(200, 2));
    const result = await checkDossier(root);
    expect(result.problems).toEqual([]);
    expect(result.entries).toHaveLength(201);
  });

  it('uses what real dossiers use: Arabic names, relations, every date form, locators, wikilinks and citations', () => {
    const text = [...generateDossier(200, 1).files.values()].join('\n');
    for (const feature of [
      /lang: ar/, /[\u0600-\u06ff]/, /relations:\n  - type: /, /designations:/, /sizeEstimates:/, /participants:/, /coordinates:/,
      /date: \d{4}-\d\d-\d\d\n/, /date: \d{4}-\d\d\n/, /date: \d{4}\n/, /circa: true/, /date: \{ start: \d{4}-\d\d, end: /, /date: \{ (start|end): \d{4}( |,)/,
      /locator: "/, /\[\[[a-z0-9-]+\]\]/, /\[\[actors\/[a-z0-9-]+\|/, /\[@[a-z0-9-]+\]/, /\[@[a-z0-9-]+, [^\]]+\]/, /\[@[a-z0-9-]+; @/, /'s /, / "[a-z ]+"/,
    ]) expect(text).toMatch(feature);
  });
});
