/**
 * The whole check: load every entry, then resolve every reference, wikilink and
 * citation against one index. Used by `npm run check`, the build and the tests.
 */
import { cycleText, parentCycles } from '../domain/cycles.ts';
import { bodyRefs, EntryIndex, frontmatterRefs, ReferenceGraph, type RefSite } from '../domain/references.ts';
import { fieldPath, sortProblems, type Problem } from '../domain/problems.ts';
import { SINGULAR } from '../schemas/index.ts';
import { checkBody, contentComponents, type BodyIssue } from './body-check.ts';
import { unusedImages } from './content-files.ts';
import { imageResolver } from './images.ts';
import { loadDossier, type Entry, type LoadResult } from './load.ts';

export interface CheckResult extends LoadResult {
  index: EntryIndex;
  /** Built on first use: the checker itself does not need it. */
  readonly graph: ReferenceGraph;
  errors: Problem[];
  warnings: Problem[];
}

export async function checkDossier(root: string): Promise<CheckResult> {
  const loaded = await loadDossier(root);
  const index = new EntryIndex(loaded.entries);
  // Entries with schema errors still count as existing, so one typo doesn't cascade.
  const all = loaded.partial.length ? [...loaded.entries, ...(loaded.partial as unknown as Entry[])] : loaded.entries;
  const components = contentComponents();
  const lenient = loaded.partial.length ? new EntryIndex(all) : index;
  // The images bodies show (refused ones too: their problem is reported, not "unused").
  const used = new Set<string>();
  const problems = [
    ...loaded.problems,
    ...crossCheck(all, lenient, new Set(loaded.unreadable)),
    ...all.flatMap((e) => bodyProblems(e, checkBody(e.body, { mdx: e.file.endsWith('.mdx'), firstLine: e.bodyFirstLine, components, images: loaded.inventory && imageResolver(loaded.inventory, e.file, used), ids: lenient }))),
    ...(loaded.inventory ? unusedImages(loaded.inventory, used) : []),
  ];
  const sorted = sortProblems(problems);
  let graph: ReferenceGraph | undefined;
  return {
    ...loaded,
    problems: sorted,
    index,
    get graph() { return (graph ??= new ReferenceGraph(index)); },
    errors: sorted.filter((p) => p.severity === 'error'),
    warnings: sorted.filter((p) => p.severity === 'warning'),
  };
}

/**
 * Problems that need the whole dossier: references, wikilinks, citations, unused sources.
 * A reference to a file that could not be read at all (`unreadable`: "actors/x") is not
 * reported: that file's own problem says what is wrong, once.
 */
export function crossCheck(entries: Entry[], index: EntryIndex, unreadable: ReadonlySet<string> = new Set()): Problem[] {
  const names = (id: string, collection?: string) => {
    if (collection) return unreadable.has(`${collection}/${id.split('/').at(-1)}`);
    if (id.includes('/')) return unreadable.has(id);
    for (const file of unreadable) if (file.endsWith(`/${id}`)) return true;
    return false;
  };
  const problems: Problem[] = [];
  const cited = new Set<string>();
  // Each body is scanned once here, for both checks that read its references.
  const bodySites = new Map(entries.map((e) => [e, bodyRefs(e.body, e.bodyFirstLine)]));
  for (const entry of entries) {
    const sites = [...frontmatterRefs(entry), ...bodySites.get(entry)!];
    for (const site of sites) {
      const r = index.resolve(site.id, site.collection);
      if (r.ok) {
        if (r.collection === 'sources' && !(entry.collection === 'sources' && r.id === entry.id)) cited.add(r.id);
        continue;
      }
      if (names(site.id, site.collection)) continue;
      problems.push(referenceProblem(entry, site, r));
    }
  }
  problems.push(...placeCycleProblems(entries), ...selfRelationProblems(entries), ...unlistedCitationProblems(entries, (e) => bodySites.get(e)!));
  for (const entry of entries) {
    if (entry.collection === 'sources' && !cited.has(entry.id)) {
      problems.push({ file: entry.file, line: 1, severity: 'warning', message: `source "${entry.id}" is not cited by any entry: cite it with [@${entry.id}] or in a sources: list, or remove it` });
    }
  }
  return problems;
}

/** A place that is its own parent, or part of a parent cycle (a → b → a): one problem per member. */
export function placeCycleProblems(entries: Entry[]): Problem[] {
  const places = new Map(entries.filter((e) => e.collection === 'places').map((e) => [e.id, e]));
  const parents = new Map<string, string>();
  for (const [id, e] of places) {
    const parent = (e.data as { parent?: unknown }).parent;
    if (typeof parent === 'string' && places.has(parent)) parents.set(id, parent);
  }
  return parentCycles(parents).flatMap((cycle) => cycle.map((id) => {
    const entry = places.get(id)!;
    return { file: entry.file, ...entry.locate(['parent']), field: 'parent', severity: 'error' as const,
      message: `"${id}" is part of a cycle: ${cycleText(cycle, id)}; a place's parent is the larger place it lies in` };
  }));
}

/**
 * A source the body cites ([@id]) that the entry's own `sources:` list leaves out: the list is
 * what the page, the exports and the "cited by" links show as the entry's sources. One warning
 * per source, at its first citation. `refs`: an entry's body references (bodyRefs), as the caller read them.
 */
export function unlistedCitationProblems(entries: Entry[], refs: (e: Entry) => RefSite[]): Problem[] {
  return entries.filter((e) => e.collection === 'actors' || e.collection === 'places' || e.collection === 'events').flatMap((e) => {
    const raw = (e.data as { sources?: unknown }).sources;
    const listed = new Set((Array.isArray(raw) ? raw : []).map((s) => (typeof s === 'string' ? s : (s as { source?: unknown })?.source)));
    const seen = new Set<string>();
    return refs(e).filter((site) => site.via === 'citation' && !listed.has(site.id) && !seen.has(site.id) && Boolean(seen.add(site.id)))
      .map((site) => ({ file: e.file, line: site.line, column: site.column, field: 'body', severity: 'warning' as const,
        message: `[@${site.id}] is cited in the body but missing from this entry's sources: list; add it there` }));
  });
}

/** An actor related to itself (a unit of itself, allied with itself): the graph would draw a loop. */
export function selfRelationProblems(entries: Entry[]): Problem[] {
  return entries.filter((e) => e.collection === 'actors').flatMap((e) => {
    const relations = (e.data as { relations?: unknown }).relations;
    return (Array.isArray(relations) ? relations : []).flatMap((r, i) => (r && typeof r === 'object' && (r as { target?: unknown }).target === e.id ? [{
      file: e.file, ...e.locate(['relations', i, 'target']), field: `relations[${i}].target`, severity: 'error' as const,
      message: `"${e.id}" is this actor itself: a relation links it to another actor`,
    }] : []));
  });
}

/** The problems of one body (src/pipeline/body-check.ts), at most MAX_BODY_PROBLEMS lines: the check's and the build's. */
export function bodyProblems(entry: Pick<Entry, 'file'>, issues: BodyIssue[]): Problem[] {
  // Hundreds of lines about one file hide the other files' problems.
  const rest = issues.length - MAX_BODY_PROBLEMS + 1;
  const shown: (BodyIssue & { count?: number })[] = issues.length > MAX_BODY_PROBLEMS ? [...issues.slice(0, MAX_BODY_PROBLEMS - 1), {
    line: issues[MAX_BODY_PROBLEMS - 1].line,
    message: `and ${rest.toLocaleString('en')} more problems in this body: fix the ones above first`,
    count: rest,
  }] : issues;
  return shown.map((p) => ({ file: entry.file, ...p, field: 'body', severity: 'error' as const }));
}

/** Body problems listed per file; the rest are counted. */
export const MAX_BODY_PROBLEMS = 20;

function referenceProblem(entry: Entry, site: RefSite, r: Exclude<ReturnType<EntryIndex['resolve']>, { ok: true }>): Problem {
  const where = site.line ? { line: site.line, column: site.column } : entry.locate(site.path);
  const field = site.via === 'wikilink' ? 'body' : site.via === 'citation' ? 'body' : fieldPath(site.path);
  const hint = r.suggestion ? ` Did you mean "${r.suggestion}"?` : '';
  let message: string;
  if (site.via === 'wikilink') {
    message = r.reason === 'ambiguous'
      ? `wikilink [[${site.id}]] is ambiguous: name the collection, e.g. ${r.candidates!.map((c) => `[[${c}]]`).join(' or ')}`
      : `wikilink [[${site.id}]] points to no entry.${hint}`;
  } else if (site.via === 'citation') {
    message = `citation [@${site.id}] names no entry in sources/.${hint}`;
  } else {
    const noun = SINGULAR[site.collection!];
    message = r.reason === 'wrong-collection'
      ? `"${site.id}" is not ${article(noun)} ${noun} (it is ${r.candidates!.join(', ')}).${hint}`
      : `unknown ${noun} "${site.id}": there is no ${site.collection}/${site.id}.md.${hint}`;
  }
  return { file: entry.file, ...where, field, message, severity: 'error' };
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');
