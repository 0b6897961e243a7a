/**
 * Reads an entry's body with the one parser the renderer (src/pipeline/render-body.ts)
 * renders it from, and applies the markup rules of src/domain/markup-rules.ts. Markdown
 * is parsed by Sätteri (the Rust parser Astro 7 ships: CommonMark and GFM, 20 to 500
 * times faster than remark); MDX by remark-parse with remark-mdx and remark-gfm, since
 * Sätteri does not yet give the details of MDX the rules read (bench/SATTERI.md).
 * Parse only: nothing of an .mdx body is evaluated.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { markdownToMdast } from 'satteri';
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

const mdx = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();

/**
 * CommonMark and GFM, and nothing more: the body comes without its frontmatter, and our
 * own syntax ([[wikilinks]], [@citations]) is read from the text (remark-dossier.ts).
 */
const SATTERI_FEATURES = {
  gfm: true, frontmatter: false, math: false, headingAttributes: false, directive: false, superscript: false,
  subscript: false, wikilinks: false, definitionList: false, smartPunctuation: false, rawHtml: false,
};

/** The node types of Markdown with GFM: the rules and the renderer know these and no others. */
const MARKDOWN_TYPES = new Set([
  'root', 'paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'listItem', 'html', 'code', 'definition',
  'text', 'emphasis', 'strong', 'inlineCode', 'break', 'link', 'image', 'linkReference', 'imageReference',
  'delete', 'table', 'tableRow', 'tableCell', 'footnoteDefinition', 'footnoteReference',
]);

/**
 * A Markdown tree the rules can judge: only MARKDOWN_TYPES, and no `data` (which would
 * tell the renderer what element to make). Undefined when it is one; else what is wrong,
 * should a later Sätteri give more than it does today.
 */
export function unknownMarkdownNode(tree: MdNode): string | undefined {
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (!MARKDOWN_TYPES.has(node.type)) return `the Markdown parser gave a "${node.type}" node, which Dossier does not know how to check`;
    if (node.data !== undefined) return `the Markdown parser gave a "${node.type}" node with rendering data, which Dossier does not accept`;
    // One at a time: a list of many items is not spread into one call's arguments.
    for (const child of node.children ?? []) stack.push(child);
  }
  return undefined;
}

const MAY_HOLD_MARKUP = /<|\]\(|\]:/;

/**
 * Limits that keep parsing fast: remark (MDX, and Markdown before Sätteri) slows down
 * steeply (quadratic or worse) on deeply nested quotes and lists and on very long
 * paragraphs full of unmatched brackets or emphasis marks. No real entry comes near these.
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
    if (!isMdx) {
      const tree = markdownToMdast(body, { features: SATTERI_FEATURES }) as unknown as MdNode;
      const unknown = unknownMarkdownNode(tree);
      return unknown ? { ok: false, message: unknown } : { ok: true, tree };
    }
    return { ok: true, tree: mdx.parse(body) as MdNode };
  } catch (err) {
    const e = err as { reason?: string; message?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
    const place = e.place && 'start' in e.place ? e.place.start : e.place;
    const reason = String(e.reason ?? e.message ?? err).split('\n')[0];
    return { ok: false, line: place?.line ?? e.line, column: place?.column ?? e.column, message: `the ${isMdx ? 'MDX' : 'Markdown'} cannot be read: ${reason}` };
  }
}

export interface BodyCheckOptions {
  mdx: boolean;
  /** Line of the body's first line in the file. */
  firstLine: number;
  components: readonly string[];
  /** Resolves an image path as written in the body to a publishable file (or says why not). */
  images?: ImageResolver;
  /** The dossier's entries, to check the ids in visualisation props (.mdx). */
  ids?: IdLookup;
  /** Parse even a body that can hold no markup (the renderer needs the tree). */
  needTree?: boolean;
}

/** An image file of the dossier that a body shows, as the build publishes it. */
export interface PublishedImage {
  /** Path relative to the content root. */
  file: string;
  /** Its real path on disk. */
  full: string;
  /** The published file's name: a hash of its bytes and the extension its bytes call for. */
  name: string;
  width?: number;
  height?: number;
}

export type ImageResolver = (url: string) => { ok: true; image: PublishedImage } | { ok: false; message: string };

export interface BodyReading {
  issues: BodyIssue[];
  /** The parsed body (absent when it was refused before parsing, or not needed). */
  tree?: MdNode;
  /** Every image URL as written in the body, resolved. */
  images: Map<string, PublishedImage>;
}

/**
 * The one reading of a body, for the check and the renderer alike: budgets first,
 * then the parse, then every rule on the resulting tree: unclosed [[ / [@, raw HTML,
 * unsafe URLs, images, and for MDX its code rules and visualisation props. A body too
 * long or too deeply nested to parse quickly is reported as that alone.
 */
export function readBody(body: string, options: BodyCheckOptions): BodyReading {
  const images = new Map<string, PublishedImage>();
  const shape = bodyShapeProblems(body, options.firstLine);
  if (shape.length) return { issues: shape, images }; // not parsed: it could take minutes
  const issues: BodyIssue[] = bodySyntaxProblems(body, options.firstLine);
  // A Markdown body without "<", "](" or "]:" can hold no HTML, link, image or
  // definition (CommonMark allows no space inside those): the check need not parse it.
  if (!options.mdx && !options.needTree && !MAY_HOLD_MARKUP.test(body)) return { issues, images };
  const at = (start: { line: number; column: number } | undefined) => ({ line: (start?.line ?? 1) + options.firstLine - 1, ...(start ? { column: start.column } : {}) });
  const parsed = parseBody(body, options.mdx);
  if (!parsed.ok) {
    issues.push({ line: (parsed.line ?? 1) + options.firstLine - 1, ...(parsed.column ? { column: parsed.column } : {}), message: parsed.message });
    return { issues, images };
  }
  // Checked before any further work: everything after this walks the tree.
  const tooBig = bodyNodesProblem(parsed.tree);
  if (tooBig) return { issues: [...issues, { line: options.firstLine, message: tooBig }], images };
  for (const v of markupViolations(parsed.tree, { components: options.components })) {
    issues.push({ ...at(v.at ?? (v.attribute ?? v.node).position?.start ?? v.node.position?.start), message: v.message });
  }
  if (options.images) {
    for (const { node, url } of imagesShown(parsed.tree)) {
      const r = options.images(url);
      if (r.ok) images.set(url, r.image);
      else issues.push({ ...at(node.position?.start), message: r.message });
    }
  }
  if (options.mdx && options.ids) {
    for (const { node, message } of vizPropProblems(parsed.tree, options.ids)) issues.push({ ...at(node.position?.start), message });
  }
  issues.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { issues, tree: parsed.tree, images };
}

/** Every problem inside one body (see readBody). */
export function checkBody(body: string, options: BodyCheckOptions): BodyIssue[] {
  return readBody(body, options).issues;
}

/**
 * The images a body shows, with the URL the renderer will use for each: an image's
 * own, or for an image reference the FIRST definition of its label, as CommonMark and
 * the HTML renderer (mdast-util-to-hast) resolve it. Unsafe URLs (remote, data:) are
 * reported by the markup rules and skipped here.
 */
function imagesShown(tree: MdNode): { node: MdNode; url: string }[] {
  const definitions = new Map<string, MdNode>();
  const shown: MdNode[] = [];
  const visit = (n: MdNode) => {
    if (n.type === 'definition' && n.identifier && !definitions.has(n.identifier.toUpperCase())) definitions.set(n.identifier.toUpperCase(), n);
    if (n.type === 'image' || n.type === 'imageReference') shown.push(n);
    n.children?.forEach(visit);
  };
  visit(tree);
  const out: { node: MdNode; url: string }[] = [];
  for (const node of shown) {
    const url = node.type === 'image' ? node.url : definitions.get((node.identifier ?? '').toUpperCase())?.url;
    if (url && !urlProblem(url, 'image')) out.push({ node, url });
  }
  return out;
}
