import { describe, expect, it } from 'vitest';
import type { MdNode } from '../../src/domain/markup-rules.ts';
import { parseBody, unknownMarkdownNode } from '../../src/pipeline/body-check.ts';

/** A tree as "type(children)" with text values, for readable expectations. */
const outline = (node: MdNode): string => {
  const inner = node.children?.map(outline).join(' ') ?? (typeof node.value === 'string' ? JSON.stringify(node.value) : '');
  return inner ? `${node.type}(${inner})` : node.type;
};
const markdown = (body: string) => {
  const parsed = parseBody(body, false);
  if (!parsed.ok) throw new Error(parsed.message);
  return outline(parsed.tree);
};

describe('parseBody: Markdown is CommonMark with GFM, and nothing more', () => {
  it.each([
    ['GFM table', '| a |\n|---|\n| 1 |', 'root(table(tableRow(tableCell(text("a"))) tableRow(tableCell(text("1")))))'],
    ['GFM footnote', 'A[^1].\n\n[^1]: Note.', 'root(paragraph(text("A") footnoteReference text(".")) footnoteDefinition(paragraph(text("Note."))))'],
    ['GFM strikethrough and autolink', '~~x~~ www.a.org', 'root(paragraph(delete(text("x")) text(" ") link(text("www.a.org"))))'],
    ['our wikilinks and citations stay text (remark-dossier reads them)', '[[kh]] [@report]', 'root(paragraph(text("[[kh]] [@report]")))'],
    ['no math', '$x$', 'root(paragraph(text("$x$")))'],
    ['no heading attributes', '# Title {#main}', 'root(heading(text("Title {#main}")))'],
    ['no superscript or subscript', '^a^ ~b~', 'root(paragraph(text("^a^ ") delete(text("b"))))'],
    ['no smart punctuation', '"a" -- b...', 'root(paragraph(text("\\"a\\" -- b...")))'],
    ['no frontmatter: a body that starts with --- has a rule', '---\ntitle: x\n---\n', 'root(thematicBreak heading(text("title: x")))'],
    ['raw HTML stays a node the rules refuse, not elements', '<b>x</b>', 'root(paragraph(html("<b>") text("x") html("</b>")))'],
  ])('%s', (_, body, expected) => {
    expect(markdown(body)).toBe(expected);
  });

  it('gives every node its place in the body, also the text around a bare www. link', () => {
    const parsed = parseBody("See 'www.a.org' now.", false);
    if (!parsed.ok) throw new Error(parsed.message);
    // Where each node starts and ends (MdNode names only the start, which the rules read).
    const place = (n: MdNode) => n.position as { start: { column: number }; end: { column: number } } | undefined;
    const places = parsed.tree.children![0].children!.map((n) => `${n.type} ${place(n)?.start.column}-${place(n)?.end.column}`);
    expect(places).toEqual(['text 1-6', 'link 6-15', 'text 15-16', 'text 16-21']);
  });
});

describe('unknownMarkdownNode: only nodes the rules know are judged and rendered', () => {
  const text = (value: string): MdNode => ({ type: 'text', value });
  it('accepts a Markdown tree', () => {
    expect(unknownMarkdownNode({ type: 'root', children: [{ type: 'paragraph', children: [text('a')] }] })).toBeUndefined();
  });
  it('refuses a node type it does not know, however deep', () => {
    expect(unknownMarkdownNode({ type: 'root', children: [{ type: 'paragraph', children: [text('a'), { type: 'inlineMath', value: 'x' }] }] }))
      .toBe('the Markdown parser gave a "inlineMath" node, which Dossier does not know how to check');
  });
  it('walks a list of 200,000 items (parseBody: the budgets refuse such a body first, the guard must not fail on it either)', () => {
    const parsed = parseBody('- a\n'.repeat(200_000), false);
    expect(parsed.ok && parsed.tree.children![0].children!.length).toBe(200_000);
  });
  it('refuses rendering data on a node (it would name the element to make)', () => {
    expect(unknownMarkdownNode({ type: 'root', children: [{ type: 'heading', data: { hProperties: { id: 'main' } }, children: [text('a')] }] }))
      .toBe('the Markdown parser gave a "heading" node with rendering data, which Dossier does not accept');
  });
});
