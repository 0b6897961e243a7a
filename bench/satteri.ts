/**
 * Sätteri (the Rust Markdown/MDX parser Astro 7 ships, `satteri`) against remark-parse,
 * the parser src/pipeline/body-check.ts used before it (Markdown has been parsed by
 * Sätteri since 2026-11-28; MDX still by remark). Parses every body of the given
 * dossiers with both (Markdown + GFM; MDX + GFM for .mdx), and reports:
 * - parse time of each (best of 3 passes over all bodies, after a warm-up pass);
 * - how many bodies give the same mdast tree (types, values, urls, depths, positions),
 *   and the first differences, since the content rules and their messages
 *   (file:line:column) read that tree.
 *
 *   npx tsx bench/satteri.ts [content-dir …]      (default: content/ and test/fixtures/mini)
 *   npx tsx bench/satteri.ts --random N [seed]    N generated Markdown bodies of 1–25 pieces
 *                                                 of syntax each, compared the same way
 *
 * Not part of npm test. Results of 2026-11-27, and what MDX lacks, are in bench/SATTERI.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { unified } from 'unified';
import { parseBody } from '../src/pipeline/body-check.ts';
import { splitFrontmatter } from '../src/pipeline/frontmatter.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [path.join(ROOT, 'content'), path.join(ROOT, 'test/fixtures/mini')];

interface Body { file: string; text: string; mdx: boolean }

function bodiesOf(dir: string): Body[] {
  const out: Body[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.mdx?$/.test(name)) {
        const split = splitFrontmatter(readFileSync(full, 'utf8'));
        if (split.ok) out.push({ file: path.relative(dir, full), text: split.value.body, mdx: name.endsWith('.mdx') });
      }
    }
  };
  walk(dir);
  return out;
}

type Node = { type: string; children?: Node[]; position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } }; [k: string]: unknown };

/** The parts of a tree the content rules and the renderer read. */
function shape(node: Node, withPositions = true): unknown {
  const pos = withPositions && node.position ? `${node.position.start.line}:${node.position.start.column}-${node.position.end.line}:${node.position.end.column}` : undefined;
  const own: Record<string, unknown> = { type: node.type, pos };
  for (const key of ['value', 'url', 'title', 'alt', 'depth', 'ordered', 'start', 'spread', 'checked', 'lang', 'meta', 'identifier', 'label', 'referenceType', 'name', 'align']) {
    if (node[key] !== undefined && node[key] !== null) own[key] = node[key];
  }
  if (Array.isArray(node.attributes)) own.attributes = (node.attributes as Node[]).map((a) => ({ type: a.type, name: a.name, value: typeof a.value === 'string' ? a.value : (a.value as { value?: string } | undefined)?.value }));
  if (node.children) own.children = node.children.map((c) => shape(c, withPositions));
  return own;
}

function firstDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b ? undefined : `${at}: remark ${JSON.stringify(a)} ≠ satteri ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

const remarkMarkdown = unified().use(remarkParse).use(remarkGfm).freeze();
const remarkParseBody = (b: Body) => {
  if (!b.mdx) return remarkMarkdown.parse(b.text) as unknown as Node;
  const r = parseBody(b.text, true);
  return r.ok ? (r.tree as unknown as Node) : undefined;
};
const satteriParse = (b: Body) => {
  try {
    return (b.mdx ? mdxToMdast(b.text) : markdownToMdast(b.text, { features: { frontmatter: false } })) as unknown as Node;
  } catch {
    return undefined;
  }
};

function time(bodies: Body[], parse: (b: Body) => unknown): number {
  for (const b of bodies) parse(b);
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t = performance.now();
    for (const b of bodies) parse(b);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Random Markdown from pieces of its syntax (and of ours), to find where the two parsers part. */
function randomBodies(n: number, seed: number): Body[] {
  const pieces = ['*', '_', '**', '~', '~~', '[', ']', '(', ')', '[[', ']]', '[@', '<', '>', '`', '\n', '\n\n', '- ', '1. ', '> ', '# ', '|', '---',
    'http://x.y/', 'www.a.b', 'a@b.c', '&amp;', '&#x3c;', '\\', '![', '[^1]', '\n[^1]: ', '    ', 'word', ' ', '<!-- c -->', '<b>', '</b>', ':', '"', "'",
    '![a](b.png)', '[l](/x "t")', '\n[d]: /u\n', '```\n', '\t', '| a | b |\n|---|---|\n', 'é', '- [ ] ', '+ ', '***', '<http://a.b>', '<a@b.c>', ' \n', '\\\n', '='];
  let state = seed;
  const random = (k: number) => ((state = (state * 1103515245 + 12345) % 2147483648) % k);
  return Array.from({ length: n }, (_, i) => {
    let text = '';
    for (let k = 1 + random(25); k > 0; k--) text += pieces[random(pieces.length)];
    return { file: `random-${i}`, text, mdx: false };
  });
}

const randomAt = process.argv.indexOf('--random');
const sets: [string, Body[]][] = randomAt >= 0
  ? [[`${process.argv[randomAt + 1]} random bodies`, randomBodies(Number(process.argv[randomAt + 1]), Number(process.argv[randomAt + 2] ?? 1))]]
  : dirs.map((dir) => [path.relative(ROOT, dir) || dir, bodiesOf(dir)]);

for (const [name, bodies] of sets) {
  const chars = bodies.reduce((n, b) => n + b.text.length, 0);
  let same = 0;
  let sameButPlaces = 0;
  const differences: string[] = [];
  for (const b of bodies) {
    const r = remarkParseBody(b);
    const s = satteriParse(b);
    const d = !r || !s ? `one parser failed (remark ${r ? 'ok' : 'error'}, satteri ${s ? 'ok' : 'error'})` : firstDifference(shape(r), shape(s));
    if (!d) same++;
    else if (r && s && !firstDifference(shape(r, false), shape(s, false))) sameButPlaces++;
    else differences.push(`${b.file}: ${d}`);
  }
  const tRemark = time(bodies, remarkParseBody);
  const tSatteri = time(bodies, satteriParse);
  console.log(`\n${name}: ${bodies.length} bodies (${bodies.filter((b) => b.mdx).length} .mdx), ${(chars / 1024).toFixed(0)} KB`);
  console.log(`  parse, best of 3: remark-parse + remark-gfm (+ remark-mdx) ${tRemark.toFixed(1)} ms; satteri ${tSatteri.toFixed(1)} ms (${(tRemark / tSatteri).toFixed(1)}× faster)`);
  console.log(`  same tree (types, values, urls, positions): ${same} of ${bodies.length}; the same but for positions: ${sameButPlaces}`);
  for (const d of differences.slice(0, 8)) console.log(`    ${d.slice(0, 400)}`);
  if (differences.length > 8) console.log(`    … and ${differences.length - 8} more`);
}
