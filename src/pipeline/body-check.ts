/**
 * Reads an entry's body with the same parsers Astro renders it with (remark-parse
 * and remark-gfm; remark-mdx for .mdx: parse only, nothing is evaluated) and
 * applies the markup rules of src/domain/markup-rules.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { bodySyntaxProblems, maskCode } from '../domain/body.ts';
import { bodyBudgetProblems, bodyNodesProblem, tableRowLines } from '../domain/body-budgets.ts';
import { markupViolations, type MdNode } from '../domain/markup-rules.ts';
import { urlProblem } from '../domain/url-policy.ts';
import { vizPropProblems, type IdLookup } from '../domain/viz-props.ts';

/** src/components/content/: the only components an .mdx entry may use. */
export const CONTENT_COMPONENTS_DIR = fileURLToPath(new URL('../components/content/', import.meta.url));

/** Names of the content components (Timeline for Timeline.astro). */
export function contentComponents(dir = CONTENT_COMPONENTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^[A-Z][A-Za-z0-9]*\.astro$/.test(f)).map((f) => f.slice(0, -'.astro'.length)).sort();
}

const markdown = unified().use(remarkParse).use(remarkGfm).freeze();
const mdx = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();

const MAY_HOLD_MARKUP = /<|\]\(|\]:/;

/**
 * Limits that keep parsing fast: the Markdown parser slows down steeply (quadratic
 * or worse) on deeply nested quotes and lists and on very long paragraphs full of
 * unmatched brackets or emphasis marks. No real entry comes near these.
 */
export const MAX_NESTING = 16;
export const MAX_BLOCK_CHARS = 20_000;
/** Link brackets a paragraph may hold (a long table of links has a few hundred). */
export const MAX_BLOCK_BRACKETS = 1_000;

/**
 * Deep nesting, overlong paragraphs and the budgets of src/domain/body-budgets.ts
 * (emphasis marks, table cells, blocks), found without parsing (code is ignored).
 */
export function bodyShapeProblems(body: string, firstLine = 1): BodyIssue[] {
  const issues: BodyIssue[] = [];
  const masked = maskCode(body);
  const lines = masked.split('\n');
  const tableRows = tableRowLines(lines);
  let blockStart = 0;
  let blockChars = 0;
  let blockBrackets = 0;
  let reportedNesting = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      blockChars = 0;
      blockBrackets = 0;
      blockStart = i + 1;
      return;
    }
    if (tableRows[i]) { // a table row's cells are read one by one: a paragraph of its own
      blockChars = 0;
      blockBrackets = 0;
      blockStart = i;
    }
    blockChars += line.length + 1;
    const before = blockBrackets;
    for (let at = line.indexOf('['); at !== -1; at = line.indexOf('[', at + 1)) blockBrackets++;
    if (blockChars > MAX_BLOCK_CHARS && blockChars - line.length - 1 <= MAX_BLOCK_CHARS) {
      issues.push({ line: firstLine + blockStart, message: `this paragraph is over ${MAX_BLOCK_CHARS.toLocaleString('en')} characters long: split it with blank lines` });
    } else if (blockBrackets > MAX_BLOCK_BRACKETS && before <= MAX_BLOCK_BRACKETS && blockChars <= MAX_BLOCK_CHARS) {
      issues.push({ line: firstLine + blockStart, message: `this paragraph has over ${MAX_BLOCK_BRACKETS.toLocaleString('en')} [ brackets (links, wikilinks, citations): split it with blank lines` });
    }
    let rest = line.replace(/\t/g, '    ');
    let depth = 0;
    for (;;) {
      const m = /^ {0,3}>|^ *(?:[-+*]|\d{1,9}[.)])(?= |$)/.exec(rest);
      if (!m) break;
      depth++;
      rest = rest.slice(m[0].length);
    }
    depth += Math.floor(/^ */.exec(line.replace(/\t/g, '    '))![0].length / 2);
    if (depth > MAX_NESTING && !reportedNesting) {
      reportedNesting = true;
      issues.push({ line: firstLine + i, message: `quotes or lists are nested too deeply here (${depth} levels; at most ${MAX_NESTING}): flatten them` });
    }
  });
  issues.push(...bodyBudgetProblems(body, masked, firstLine));
  return issues.sort((a, b) => a.line - b.line);
}

export interface BodyIssue {
  /** 1-based line in the file (the body's lines offset by where it starts). */
  line: number;
  column?: number;
  message: string;
}

/** Parses a body as Markdown or MDX; a syntax error in MDX is reported, not thrown. */
export function parseBody(body: string, isMdx: boolean): { ok: true; tree: MdNode } | { ok: false; line?: number; column?: number; message: string } {
  try {
    return { ok: true, tree: (isMdx ? mdx : markdown).parse(body) as MdNode };
  } catch (err) {
    const e = err as { reason?: string; message?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
    const place = e.place && 'start' in e.place ? e.place.start : e.place;
    const reason = String(e.reason ?? e.message ?? err).split('\n')[0];
    return { ok: false, line: place?.line ?? e.line, column: place?.column ?? e.column, message: `the MDX cannot be read: ${reason}` };
  }
}

export interface BodyCheckOptions {
  mdx: boolean;
  /** Line of the body's first line in the file. */
  firstLine: number;
  components: readonly string[];
  /** Where the entry is, to find the image files it refers to. */
  location?: { dir: string; root: string };
  /** The dossier's entries, to check the ids in visualisation props (.mdx). */
  ids?: IdLookup;
}

/**
 * Every problem inside one body: unclosed [[ / [@, raw HTML, unsafe URLs, missing
 * images, and for MDX its code rules and visualisation props. A body too long or
 * too deeply nested to parse quickly is reported as that alone.
 */
export function checkBody(body: string, options: BodyCheckOptions): BodyIssue[] {
  const shape = bodyShapeProblems(body, options.firstLine);
  if (shape.length) return shape; // not parsed: it could take minutes
  const issues: BodyIssue[] = bodySyntaxProblems(body, options.firstLine);
  // Parsing costs ~5 ms a body; a Markdown body without "<", "](" or "]:" can hold
  // no HTML, link, image or definition (CommonMark allows no space inside those).
  if (!options.mdx && !MAY_HOLD_MARKUP.test(body)) return issues;
  const at = (start: { line: number; column: number } | undefined) => ({ line: (start?.line ?? 1) + options.firstLine - 1, ...(start ? { column: start.column } : {}) });
  const parsed = parseBody(body, options.mdx);
  if (!parsed.ok) {
    issues.push({ line: (parsed.line ?? 1) + options.firstLine - 1, ...(parsed.column ? { column: parsed.column } : {}), message: parsed.message });
    return issues;
  }
  // Checked before any further work: everything after this walks the tree.
  const tooBig = bodyNodesProblem(parsed.tree);
  if (tooBig) return [...issues, { line: options.firstLine, message: tooBig }];
  for (const v of markupViolations(parsed.tree, { components: options.components })) {
    issues.push({ ...at(v.at ?? (v.attribute ?? v.node).position?.start ?? v.node.position?.start), message: v.message });
  }
  if (options.location) {
    for (const { node, message } of missingImages(parsed.tree, options.location)) issues.push({ ...at(node.position?.start), message });
  }
  if (options.mdx && options.ids) {
    for (const { node, message } of vizPropProblems(parsed.tree, options.ids)) issues.push({ ...at(node.position?.start), message });
  }
  return issues.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** Script, event handlers, external references or entity definitions in an SVG file. */
export function svgActiveContent(svg: string): string | undefined {
  const m = /<script\b|<foreignObject\b|<!ENTITY|<!DOCTYPE|<(?:iframe|embed|object|handler|listener)\b|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["']?(?!#)|@import|url\(\s*["']?(?!#)/i.exec(svg);
  return m ? `"${m[0].trim()}"` : undefined;
}

/** Relative images must be files inside the dossier folder (Astro fails the build otherwise). */
function missingImages(tree: MdNode, where: { dir: string; root: string }): { node: MdNode; message: string }[] {
  const out: { node: MdNode; message: string }[] = [];
  const definitions = new Map<string, MdNode>();
  const images: MdNode[] = [];
  const visit = (n: MdNode) => {
    if (n.type === 'definition' && n.identifier) definitions.set(n.identifier, n);
    if (n.type === 'image' || n.type === 'imageReference') images.push(n);
    n.children?.forEach(visit);
  };
  visit(tree);
  for (const node of images) {
    const url = node.type === 'image' ? node.url : definitions.get(node.identifier ?? '')?.url;
    if (!url || url.startsWith('/') || urlProblem(url, 'image')) continue; // site paths; bad URLs are reported already
    const file = path.resolve(where.dir, decodeURI(url.replace(/[?#].*$/, '')));
    const shown = path.relative(where.root, file).split(path.sep).join('/');
    if (shown.startsWith('..') || path.isAbsolute(shown)) {
      out.push({ node, message: `image "${url}" is outside the dossier folder: keep images inside it` });
    } else if (!existsSync(file) || !statSync(file).isFile()) {
      out.push({ node, message: `image "${url}": there is no file ${shown}` });
    } else if (/\.svgz?$/i.test(file)) {
      const active = svgActiveContent(readFileSync(file, 'latin1'));
      if (active) out.push({ node, message: `image "${url}" contains ${active}: an SVG file runs it when opened on its own; remove it (or use a PNG)` });
    }
  }
  return out;
}
