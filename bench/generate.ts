/**
 * A deterministic synthetic dossier: a pure function of N and a seed. About 10%
 * actors, 10% places, 75% events and 5% sources (plus pages/overview.md and
 * dossier.yml), with the frontmatter a real dossier has (aliases incl. Arabic,
 * relations, designations, participants, places, sources with locators, dates of
 * every precision incl. circa and periods) and ~250-word bodies with wikilinks and
 * [@citations]. Every file passes `npm run check`. Used by `npm run bench` and the
 * scale test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GeneratedDossier {
  /** Path relative to the content root → file text, in a stable order. */
  files: Map<string, string>;
  counts: { actors: number; places: number; events: number; sources: number };
  /** One event whose body can be edited to measure a one-entry rebuild. */
  sampleEvent: string;
}

/** The entry counts for N: shares rounded, at least 2 of each, events take the rest. */
export function entryCounts(n: number): GeneratedDossier['counts'] {
  const actors = Math.max(2, Math.round(n * 0.1));
  const places = Math.max(2, Math.round(n * 0.1));
  const sources = Math.max(2, Math.round(n * 0.05));
  return { actors, places, sources, events: Math.max(1, n - actors - places - sources) };
}

export function generateDossier(n: number, seed = 1): GeneratedDossier {
  const rng = random(seed);
  const counts = entryCounts(n);
  const taken = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    return id;
  };

  // Names and ids first, so that any entry can point at any other.
  const actors = Array.from({ length: counts.actors }, (_, i) => actorName(rng, i)).map((a) => ({ ...a, id: uniqueId(slug(a.name)) }));
  const countryCount = Math.max(1, Math.round(counts.places * 0.05));
  const places = Array.from({ length: counts.places }, (_, i) => placeName(rng, i, i < countryCount)).map((p) => ({ ...p, id: uniqueId(slug(p.name)) }));
  const sources = Array.from({ length: counts.sources }, (_, i) => sourceName(rng, i)).map((s, i) => ({ ...s, id: uniqueId(slug(`${s.publisher} ${s.dateText} ${i + 1}`)) }));
  const events = Array.from({ length: counts.events }, (_, i) => eventName(rng, i, places)).map((e) => ({ ...e, id: uniqueId(slug(e.title)) }));

  const ctx: BodyContext = { rng, actors, places, events, sources };
  const files = new Map<string, string>();
  files.set('dossier.yml', `title: ${q(`Synthetic dossier (${n} entries, seed ${seed})`)}\ndescription: A generated dossier for measuring build speed.\n`);

  actors.forEach((a, i) => files.set(`actors/${a.id}.md`, actorFile(ctx, a, i)));
  places.forEach((p, i) => files.set(`places/${p.id}.md`, placeFile(ctx, p, i, countryCount)));
  // Event i cites source i mod S, so every source is cited at least once.
  events.forEach((e, i) => files.set(`events/${e.id}.md`, eventFile(ctx, e, sources[i % sources.length].id)));
  sources.forEach((s, i) => files.set(`sources/${s.id}.md`, sourceFile(ctx, s, i)));
  files.set('pages/overview.md', frontmatter([
    `title: ${q('Overview')}`,
    `summary: ${q(`A synthetic dossier of ${n} entries.`)}`,
    'order: 1',
  ]) + body(ctx, 3));

  return { files, counts, sampleEvent: `events/${events[0].id}.md` };
}

/** Writes a generated dossier into dir (emptied first). */
export function writeDossier(dir: string, dossier: GeneratedDossier): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of dossier.files) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

// --- random numbers (mulberry32: small, fast, the same on every machine) ---

type Rng = () => number;
function random(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const chance = (rng: Rng, p: number) => rng() < p;
function sample<T>(rng: Rng, list: readonly T[], k: number): T[] {
  const out = new Set<T>();
  const want = Math.min(k, list.length);
  while (out.size < want) out.add(pick(rng, list));
  return [...out];
}

// --- vocabulary ---

const UNIT_PREFIX = [['Kataib', 'كتائب'], ['Liwa', 'لواء'], ['Saraya', 'سرايا'], ['Harakat', 'حركة'], ['Jaysh', 'جيش'], ['Asaib', 'عصائب'], ['Quwat', 'قوات'], ['Firqat', 'فرقة']] as const;
const UNIT_CORE = [['al-Nasr', 'النصر'], ['al-Fajr', 'الفجر'], ['al-Haqq', 'الحق'], ['al-Imam Ali', 'الإمام علي'], ['al-Abbas', 'العباس'], ['al-Shuhada', 'الشهداء'], ['al-Tahrir', 'التحرير'], ['al-Karama', 'الكرامة'], ['al-Wafa', 'الوفاء'], ['al-Salam', 'السلام'], ['al-Rafidayn', 'الرافدين'], ['al-Furat', 'الفرات'], ['al-Badiya', 'البادية'], ['al-Jazira', 'الجزيرة']] as const;
const PEOPLE_FIRST = [['Abu Mahdi', 'أبو مهدي'], ['Jaafar', 'جعفر'], ['Hadi', 'هادي'], ['Qais', 'قيس'], ['Akram', 'أكرم'], ['Hamid', 'حميد'], ['Faleh', 'فالح'], ['Sami', 'سامي']] as const;
const PEOPLE_LAST = [['al-Hussaini', 'الحسيني'], ['al-Amiri', 'العامري'], ['al-Khazali', 'الخزعلي'], ['al-Kaabi', 'الكعبي'], ['al-Fayyadh', 'الفياض'], ['al-Jabouri', 'الجبوري'], ['al-Obeidi', 'العبيدي']] as const;
const OUTLETS = [['Al-Rafidayn TV', 'قناة الرافدين'], ['Euphrates News', 'أخبار الفرات'], ['Badiya Radio', 'إذاعة البادية']] as const;
const ACTOR_KINDS = ['armed-group', 'armed-group', 'armed-group', 'militia-umbrella', 'armed-forces', 'agency', 'government-body', 'coalition', 'political-party', 'person', 'person', 'media-outlet', 'state'] as const;
const TOWNS = [['Al Qaim', 'القائم'], ['Anah', 'عانة'], ['Rawa', 'راوة'], ['Hit', 'هيت'], ['Haditha', 'حديثة'], ['Mayadin', 'الميادين'], ['Hajin', 'هجين'], ['Tadmur', 'تدمر'], ['Sukhnah', 'السخنة'], ['Husaybah', 'حصيبة'], ['Baghuz', 'الباغوز'], ['Hasakah', 'الحسكة'], ['Tal Afar', 'تلعفر'], ['Sinjar', 'سنجار'], ['Baiji', 'بيجي'], ['Tikrit', 'تكريت']] as const;
const COUNTRIES = [['Syria', 'سوريا'], ['Iraq', 'العراق'], ['Jordan', 'الأردن'], ['Lebanon', 'لبنان'], ['Turkey', 'تركيا'], ['Iran', 'إيران']] as const;
const PLACE_KINDS = ['town', 'town', 'city', 'village', 'village', 'facility', 'oil-field', 'governorate', 'region', 'river', 'border-area'] as const;
const PUBLISHERS = ['The Levant Monitor', 'Euphrates Wire', 'Desert Dispatch', 'Border Affairs Review', 'Mesopotamia Daily', 'State Department', 'Gulf Press Agency'] as const;
const SOURCE_KINDS = ['news-article', 'news-article', 'wire-report', 'tv-report', 'government-report', 'social-media-post', 'encyclopedia', 'website'] as const;
const EVENT_VERBS = ['Clashes near', 'Forces capture', 'Shelling of', 'Convoy attacked near', 'Ceasefire announced in', 'Offensive launched towards', 'Withdrawal from', 'Airstrike on', 'Checkpoint set up at', 'Talks held in'] as const;
const ROLES = ['attacker', 'defender', 'announcer', 'target', 'mediator', 'observer'] as const;
const STATUSES = ['confirmed', 'confirmed', 'reported', 'reported', 'claimed', 'disputed'] as const;
const RELATION_TYPES = ['member-of', 'unit-of', 'leader-of', 'spokesperson-of', 'adviser-to', 'backed-by', 'allied-with', 'opposed-to', 'formerly-member-of'] as const;
const LOCATORS = ['para 2', 'para 3', 'para 7', 'p. 12', 'paras 4–5', 'the second paragraph', '“according to local sources”'] as const;
// Real prose has apostrophes and quotes (which typography turns into curly ones): so does this.
const WORDS = ("the group said its units had moved along the river road before dawn while local officials reported that " +
  "fighting continued for several days around the town's market and that civilians left towards the border crossing " +
  "a spokesperson later denied the group's account and described the operation as limited in scope according to " +
  "statements published the same week the forces also announced new positions on the desert highway").split(' ');

// --- names ---

interface Named { name: string; native: string; kind: string }
function actorName(rng: Rng, i: number): Named {
  const kind = pick(rng, ACTOR_KINDS);
  const n = i + 1;
  if (kind === 'person') {
    const [f, fa] = pick(rng, PEOPLE_FIRST);
    const [l, la] = pick(rng, PEOPLE_LAST);
    return { name: `${f} ${l} ${n}`, native: `${fa} ${la} ${n}`, kind };
  }
  if (kind === 'media-outlet') {
    const [o, oa] = pick(rng, OUTLETS);
    return { name: `${o} ${n}`, native: `${oa} ${n}`, kind };
  }
  const [p, pa] = pick(rng, UNIT_PREFIX);
  const [c, ca] = pick(rng, UNIT_CORE);
  return { name: `${p} ${c} ${n}`, native: `${pa} ${ca} ${n}`, kind };
}

function placeName(rng: Rng, i: number, country: boolean): Named {
  const n = i + 1;
  if (country) {
    const [c, ca] = COUNTRIES[i % COUNTRIES.length];
    return i < COUNTRIES.length ? { name: c, native: ca, kind: 'country' } : { name: `${c} ${n}`, native: `${ca} ${n}`, kind: 'country' };
  }
  const [t, ta] = pick(rng, TOWNS);
  const kind = pick(rng, PLACE_KINDS);
  const label = kind === 'river' ? `${t} River` : kind === 'border-area' ? `${t} border area` : kind === 'oil-field' ? `${t} oil field` : t;
  return { name: `${label} ${n}`, native: `${ta} ${n}`, kind };
}

interface SourceName { title: string; publisher: string; dateText: string; kind: string }
function sourceName(rng: Rng, i: number): SourceName {
  const publisher = pick(rng, PUBLISHERS);
  const dateText = `${int(rng, 2009, 2019)}-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}`;
  return { title: `${pick(rng, ['Report', 'Update', 'Briefing', 'Analysis', 'Statement'])}: ${pick(rng, TOWNS)[0]} and the border, part ${i + 1}`, publisher, dateText, kind: pick(rng, SOURCE_KINDS) };
}

function eventName(rng: Rng, i: number, places: { name: string }[]): { title: string } {
  return { title: `${pick(rng, EVENT_VERBS)} ${pick(rng, places).name} (${i + 1})` };
}

// --- files ---

interface BodyContext {
  rng: Rng;
  actors: (Named & { id: string })[];
  places: (Named & { id: string })[];
  events: { id: string; title: string }[];
  sources: (SourceName & { id: string })[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const q = (s: string) => JSON.stringify(s);
const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const frontmatter = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;

/** A date in any precision: day, month, year, circa, a period or an open period. */
function dateValue(rng: Rng): { yaml: string; note?: string } {
  const y = int(rng, 2003, 2019);
  const m = int(rng, 1, 12);
  const d = int(rng, 1, 28);
  const r = rng();
  if (r < 0.4) return { yaml: `${y}-${pad(m)}-${pad(d)}` };
  if (r < 0.6) return { yaml: `${y}-${pad(m)}` };
  if (r < 0.72) return { yaml: `${y}` };
  if (r < 0.82) return { yaml: `{ on: ${y}-${pad(m)}, circa: true }`, note: q('Approximate: the report says "early that year", dated from its publication.') };
  if (r < 0.94) return { yaml: `{ start: ${y}-${pad(m)}, end: ${y + int(rng, 0, 2)}-${pad(Math.min(12, m + int(rng, 0, 3)))} }` };
  return chance(rng, 0.5) ? { yaml: `{ start: ${y} }` } : { yaml: `{ end: ${y}, circa: true }`, note: q('The end is approximate.') };
}

/**
 * Frontmatter and body, with every source the body cites in the entry's `sources:` list (the
 * check warns otherwise): added after the list's own, in the order first cited.
 */
function withCitedSources(lines: string[], text: string): string {
  const at = lines.findIndex((l) => l.startsWith('updated:'));
  const listed = new Set(lines.slice(lines.indexOf('sources:') + 1, at).map((l) => /^ {2}- (?:\{ source: )?([a-z0-9-]+)/.exec(l)?.[1]));
  const cited = [...new Set([...text.matchAll(/@([a-z0-9-]+)/g)].map((m) => m[1]))].filter((id) => !listed.has(id));
  return frontmatter([...lines.slice(0, at), ...cited.map((id) => `  - ${id}`), ...lines.slice(at)]) + text;
}

function sourceList(ctx: BodyContext, count: number, must?: string): string[] {
  const ids = sample(ctx.rng, ctx.sources, count).map((s) => s.id);
  if (must && !ids.includes(must)) ids[0] = must;
  return ids.map((id) => (chance(ctx.rng, 0.4) ? `  - { source: ${id}, locator: ${q(pick(ctx.rng, LOCATORS))} }` : `  - ${id}`));
}
const inlineSources = (ctx: BodyContext, count: number) => `[${sample(ctx.rng, ctx.sources, count).map((s) => s.id).join(', ')}]`;

function aliasLines(ctx: BodyContext, entry: Named): string[] {
  const { rng } = ctx;
  const lines = [`  - { name: ${q(entry.native)}, kind: translation, lang: ar }`];
  const plain = entry.name.replace(/^al-/i, '');
  if (chance(rng, 0.6)) lines.push(`  - { name: ${q(plain.replace(/a/g, 'e'))}, kind: transliteration }`);
  if (chance(rng, 0.3)) lines.push(`  - { name: ${q(plain.replace(/i/, 'y'))}, kind: misspelling, source: ${pick(rng, ctx.sources).id} }`);
  if (chance(rng, 0.3)) lines.push(`  - { name: ${q(entry.name.split(' ').map((w) => w[0]).join('').toUpperCase())}, kind: abbreviation }`);
  return ['aliases:', ...lines];
}

function actorFile(ctx: BodyContext, a: BodyContext['actors'][number], i: number): string {
  const { rng } = ctx;
  const lines = [
    `name: ${q(a.name)}`,
    `kind: ${a.kind}`,
    `summary: ${q(`A synthetic ${a.kind.replace(/-/g, ' ')} active around ${pick(rng, ctx.places).name}.`)}`,
    `nativeName: { text: ${q(a.native)}, lang: ar }`,
    ...aliasLines(ctx, a),
  ];
  const others = ctx.actors.filter((_, k) => k !== i);
  const relations = others.length ? sample(rng, others, int(rng, 0, 3)) : [];
  if (relations.length) {
    lines.push('relations:');
    for (const other of relations) {
      lines.push(`  - type: ${pick(rng, RELATION_TYPES)}`, `    target: ${other.id}`);
      if (chance(rng, 0.4)) lines.push(`    note: ${q(`since the ${pick(rng, TOWNS)[0]} campaign`)}`);
      if (chance(rng, 0.5)) {
        const start = int(rng, 2003, 2015);
        lines.push(`    start: ${start}`);
        if (chance(rng, 0.4)) lines.push(`    end: ${start + int(rng, 1, 4)}`);
        if (chance(rng, 0.3)) lines.push('    circa: true');
      }
      lines.push('    sources:', ...sourceList(ctx, int(rng, 1, 2)).map((l) => `  ${l}`));
    }
  }
  if (chance(rng, 0.15)) {
    lines.push('designations:', `  - by: ${pick(rng, ctx.actors).id}`, `    list: ${q('Foreign Terrorist Organization')}`, `    date: ${dateValue(rng).yaml}`, `    sources: ${inlineSources(ctx, 1)}`);
  }
  if (chance(rng, 0.3)) {
    const min = int(rng, 1, 40) * 100;
    lines.push('sizeEstimates:', chance(rng, 0.5) ? `  - value: ${min}` : `  - min: ${min}\n    max: ${min + int(rng, 1, 20) * 100}`, `    unit: fighters`, `    date: ${int(rng, 2010, 2019)}`, `    sources: ${inlineSources(ctx, 1)}`);
  }
  lines.push('sources:', ...sourceList(ctx, int(rng, 1, 3)), 'updated: 2026-11-25');
  return withCitedSources(lines, body(ctx, 3));
}

function placeFile(ctx: BodyContext, p: BodyContext['places'][number], i: number, countryCount: number): string {
  const { rng } = ctx;
  const countries = ctx.places.slice(0, countryCount);
  const lines = [
    `name: ${q(p.name)}`,
    `kind: ${p.kind}`,
    `summary: ${q(`A synthetic ${p.kind.replace(/-/g, ' ')} for measuring builds.`)}`,
    `nativeName: { text: ${q(p.native)}, lang: ar }`,
    ...aliasLines(ctx, p),
  ];
  if (i >= countryCount) {
    if ((p.kind === 'river' || p.kind === 'border-area') && countries.length > 1) lines.push(`countries: [${sample(rng, countries, 2).map((c) => c.id).join(', ')}]`);
    else lines.push(`parent: ${pick(rng, countries).id}`);
  }
  if (chance(rng, 0.8)) {
    lines.push('coordinates:', `  lat: ${(29 + rng() * 8).toFixed(4)}`, `  lon: ${(35 + rng() * 13).toFixed(4)}`, `  precision: ${chance(rng, 0.3) ? 'exact' : 'approximate'}`, `  source: ${pick(rng, ctx.sources).id}`);
  }
  lines.push('sources:', ...sourceList(ctx, int(rng, 1, 2)), 'updated: 2026-11-25');
  return withCitedSources(lines, body(ctx, 3));
}

function eventFile(ctx: BodyContext, e: BodyContext['events'][number], mustCite: string): string {
  const { rng } = ctx;
  const date = dateValue(rng);
  const lines = [`title: ${q(e.title)}`, `date: ${date.yaml}`];
  if (date.note) lines.push(`dateNote: ${date.note}`);
  lines.push(
    `status: ${pick(rng, STATUSES)}`,
    `places: [${sample(rng, ctx.places, int(rng, 1, 2)).map((p) => p.id).join(', ')}]`,
    'participants:',
    ...sample(rng, ctx.actors, int(rng, 1, 3)).map((a) => (chance(rng, 0.8) ? `  - { actor: ${a.id}, role: ${pick(rng, ROLES)} }` : `  - { actor: ${a.id} }`)),
    `summary: ${q(`${e.title.replace(/ \(\d+\)$/, '')}, as reported by ${pick(rng, PUBLISHERS)}.`)}`,
  );
  if (chance(rng, 0.2)) lines.push('aliases:', `  - { name: ${q(`Battle of ${pick(rng, TOWNS)[0]}`)}, kind: other }`, `  - { name: ${q(`معركة ${pick(rng, TOWNS)[1]}`)}, kind: translation, lang: ar }`);
  lines.push('sources:', ...sourceList(ctx, int(rng, 1, 3), mustCite), 'updated: 2026-11-25');
  return withCitedSources(lines, body(ctx, 3));
}

function sourceFile(ctx: BodyContext, s: BodyContext['sources'][number], i: number): string {
  const { rng } = ctx;
  const lines = [`title: ${q(s.title)}`, `kind: ${s.kind}`, `publisher: ${q(s.publisher)}`];
  const outlets = ctx.actors.filter((a) => a.kind === 'media-outlet');
  if (outlets.length && chance(rng, 0.1)) lines.push(`publisherActor: ${pick(rng, outlets).id}`);
  if (chance(rng, 0.3)) lines.push(`author: ${q(`${pick(rng, PEOPLE_FIRST)[0]} ${pick(rng, PEOPLE_LAST)[0]}`)}`);
  lines.push(`published: ${chance(rng, 0.8) ? s.dateText : s.dateText.slice(0, 7)}`);
  if (chance(rng, 0.7)) lines.push(`url: https://example.org/${slug(s.publisher)}/${s.id}`, 'accessed: 2026-11-25');
  lines.push(`language: ${pick(rng, ['en', 'en', 'en', 'ar', 'fr'])}`);
  if (chance(rng, 0.3)) lines.push(`notes: ${q('Known only through a later report: "quoted at length".')}`);
  if (i > 0 && chance(rng, 0.1)) lines.push(`sources: [${ctx.sources[i - 1].id}]`);
  lines.push('updated: 2026-11-25');
  // Source pages have shorter bodies: a description of the document.
  return frontmatter(lines) + body(ctx, 1);
}

/** ~80 words a paragraph, with wikilinks (plain, labelled, collection-qualified) and citations. */
function body(ctx: BodyContext, paragraphs: number): string {
  const { rng } = ctx;
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 6; s++) {
      const words: string[] = [];
      const length = int(rng, 10, 18);
      const start = int(rng, 0, WORDS.length - length);
      for (let w = 0; w < length; w++) words.push(WORDS[start + w]);
      // A link in most sentences, a citation at the end of many.
      const at = int(rng, 1, words.length - 1);
      const r = rng();
      if (r < 0.3) words.splice(at, 0, `[[${pick(rng, ctx.actors).id}]]`);
      else if (r < 0.5) words.splice(at, 0, `[[${pick(rng, ctx.places).id}]]`);
      else if (r < 0.6) { const a = pick(rng, ctx.actors); words.splice(at, 0, `[[actors/${a.id}|${a.name.split(' ')[0]}]]`); }
      else if (r < 0.75) words.splice(at, 0, `(see [[${pick(rng, ctx.events).id}]])`);
      let sentence = words.join(' ');
      sentence = sentence[0].toUpperCase() + sentence.slice(1);
      if (s === 1 && chance(rng, 0.3)) sentence = sentence.replace(/ (\S+) (\S+)$/, ' **$1** $2');
      if (s === 3 && chance(rng, 0.5)) sentence = sentence.replace(/ ([a-z]+ [a-z]+ [a-z]+)$/, ' "$1"');
      const c = rng();
      if (c < 0.25) sentence += ` [@${pick(rng, ctx.sources).id}]`;
      else if (c < 0.4) sentence += ` [@${pick(rng, ctx.sources).id}, ${pick(rng, LOCATORS)}]`;
      else if (c < 0.5) sentence += ` [${sample(rng, ctx.sources, 2).map((x) => `@${x.id}`).join('; ')}]`;
      sentences.push(`${sentence}.`);
    }
    out.push(wrap(sentences.join(' ')));
  }
  return `${out.join('\n\n')}\n`;
}

/** Wraps prose at ~90 columns, as contributors write it, never inside [[…]] or […]. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  const glued = text.replace(/\[[^\]]*\]+/g, (m) => m.replace(/ /g, '\u0001'));
  for (const word of glued.split(' ').map((w) => w.replace(/\u0001/g, ' '))) {
    if (line && line.length + word.length + 1 > 90) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
