/**
 * Reads an entry's body with the same parsers Astro renders it with (remark-parse
 * and remark-gfm; remark-mdx for .mdx: parse only, nothing is evaluated) and
 * applies the markup rules of src/domain/markup-rules.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markupViolations, type MdNode } from '../domain/markup-rules.ts';

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

/** Every markup problem in one body: raw HTML, unsafe URLs, and for MDX its code rules. */
export function checkBodyMarkup(body: string, options: { mdx: boolean; firstLine: number; components: readonly string[] }): BodyIssue[] {
  // Parsing costs ~5 ms a body; a Markdown body without "<", "](" or "]:" can hold
  // no HTML, link, image or definition (CommonMark allows no space inside those).
  if (!options.mdx && !MAY_HOLD_MARKUP.test(body)) return [];
  const at = (line: number | undefined) => (line ?? 1) + options.firstLine - 1;
  const parsed = parseBody(body, options.mdx);
  if (!parsed.ok) return [{ line: at(parsed.line), ...(parsed.column ? { column: parsed.column } : {}), message: parsed.message }];
  return markupViolations(parsed.tree, { components: options.components }).map((v) => {
    const start = v.at ?? (v.attribute ?? v.node).position?.start ?? v.node.position?.start;
    return { line: at(start?.line), ...(start ? { column: start.column } : {}), message: v.message };
  });
}
