/**
 * Bodies in the build: the renderer (src/pipeline/render-body.ts) refuses what the
 * check refuses, with the same words; and, in depth, its HTML allowlist (rehype-safe)
 * leaves nothing live even from a tree that no rule has judged.
 */
import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root as MdastRoot } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeExternalLinks } from '../../src/integrations/rehype-external-links.ts';
import { rehypeSafe } from '../../src/integrations/rehype-safe.ts';
import type { LinkTarget } from '../../src/integrations/remark-dossier.ts';
import { checkBody } from '../../src/pipeline/body-check.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HEADING_ID_PREFIX, renderBody, type RenderContext } from '../../src/pipeline/render-body.ts';
import { ROOT } from '../helpers/build.ts';
import { liveMarkup } from '../helpers/markup.ts';

const targets: Record<string, LinkTarget> = { 'group-a': { collection: 'actors', id: 'group-a', label: 'Group A' } };
const context: RenderContext = {
  components: ['Timeline', 'Graph'],
  resolve: (w) => targets[w],
  images: (url) => ({ ok: false, message: `image "${url}": there is no file ${url}` }),
};
const options = (mdx = false) => ({ mdx, firstLine: 1, entryFile: mdx ? 'pages/p.mdx' : 'events/e.md' });
const render = (md: string, mdx = false) => {
  const r = renderBody(md, options(mdx), context);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.html.trim();
};

/** rehype-safe on a tree no rule has judged: raw HTML parsed as a browser would. */
const unchecked = (md: string) => {
  const mdast = unified().use(remarkParse).use(remarkGfm).runSync(unified().use(remarkParse).use(remarkGfm).parse(md)) as MdastRoot;
  const hast = rehypeSafe()(toHast(mdast, { allowDangerousHtml: true }) as HastRoot);
  rehypeExternalLinks()(hast);
  return toHtml(hast);
};

const HOSTILE = [
  ['script tag', '<script>alert(1)</script>'],
  ['image with onerror', 'A <img src=x onerror=alert(1)> b'],
  ['javascript: in raw link', '<a href="javascript:alert(1)">x</a>'],
  ['javascript: Markdown link', '[x](javascript:alert(1))'],
  ['entity-encoded javascript: link', '[x](&#x6A;avascript&#58;alert(1))'],
  ['SVG with script', '<svg><script>alert(1)</script></svg>'],
  ['SVG with onload', '<svg onload=alert(1)>'],
  ['iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['style attribute with url()', '<p style="background:url(https://evil.example/x.png)">t</p>'],
  ['style element', '<style>body{background:url(https://evil.example/x.png)}</style>'],
  ['form', '<form action="https://evil.example/"><input name=q><button>go</button></form>'],
  ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>s</summary>x</details>'],
  ['mutation XSS through math/style', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['noscript breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['base, meta refresh, stylesheet', '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">'],
  ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['vbscript reference link', '[x][r]\n\n[r]: vbscript:msgbox(1)'],
  ['HTML comment hiding markup', '<!-- --><script>alert(1)</script>'],
] as const;

describe('the renderer refuses what the check refuses, with the same words', () => {
  it.each(HOSTILE)('%s', (_name, md) => {
    const r = renderBody(md, options(), context);
    expect(r.ok).toBe(false);
    const check = checkBody(md, { mdx: false, firstLine: 1, components: context.components, images: context.images });
    expect(check.length).toBeGreaterThan(0);
    expect(r.ok ? [] : r.issues).toEqual(check);
  });
});

describe('in depth: the HTML allowlist leaves nothing live from an unjudged tree', () => {
  it.each(HOSTILE)('%s', (_name, md) => {
    expect(liveMarkup(unchecked(md))).toEqual([]);
  });
});

describe('Markdown bodies in the build', () => {
  it('keeps text that only looks like markup as text', async () => {
    const html = render('&lt;script&gt;alert(1)&lt;/script&gt; and `<b>code</b>`');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).toContain('<code>&#x3C;b>code&#x3C;/b></code>');
  });

  it('drops a remote image, keeping its alt text (in depth)', async () => {
    expect(unchecked('![a tracking pixel](https://tracker.example/p.png)')).toBe('<p>a tracking pixel</p>');
  });

  it('gives external links rel="noopener noreferrer", in Markdown and in raw HTML', async () => {
    expect(render('[ext](https://example.com/a)')).toBe('<p><a href="https://example.com/a" rel="noopener noreferrer" class="external">ext<span class="external-mark" aria-hidden="true">↗</span><span class="visually-hidden"> (external link)</span></a></p>');
    expect(unchecked('<a href="https://example.com/b" target="_blank">ext</a>')).toBe('<p><a href="https://example.com/b" rel="noopener noreferrer" class="external">ext<span class="external-mark" aria-hidden="true">↗</span><span class="visually-hidden"> (external link)</span></a></p>');
    expect(render('[in](/actors/group-a/)')).toBe('<p><a href="/actors/group-a/">in</a></p>');
  });

  it('gives headings ids from their text, in their own namespace: never one of the page\'s', () => {
    expect(render('## Background\n\n## Main\n\n## Background\n\n## Footnote label\n\n## ?')).toBe('<h2 id="section-background">Background</h2>\n<h2 id="section-main">Main</h2>\n<h2 id="section-background-1">Background</h2>\n<h2 id="section-footnote-label">Footnote label</h2>\n<h2 id="section-untitled">?</h2>');
  });

  it('no id of the layout or of our own markup is in the headings\' namespace', () => {
    const files = (readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[]).filter((f) => /\.(astro|ts)$/.test(f) && !f.endsWith('render-body.ts'));
    const offending = files.filter((f) => readFileSync(path.join(ROOT, 'src', f), 'utf8').includes(HEADING_ID_PREFIX));
    expect(offending).toEqual([]);
  });

  it('keeps our own markup: wikilinks, citations, GFM footnotes, tables, task lists, code languages', async () => {
    const html = render('[[group-a]] said so [@report-a].[^n]\n\n[^n]: A note.\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n\n```js\nx\n```\n');
    expect(html).toContain('<a href="/actors/group-a/" class="wikilink">Group A</a>');
    expect(html).toContain('<sup class="citation"><a href="#fn-1" id="cite-1-1" aria-label="Source 1">[1]</a></sup>');
    expect(html).toMatch(/<a href="#user-content-fn-n" id="user-content-fnref-n" data-footnote-ref aria-describedby="footnote-label">1<\/a>/);
    expect(html).toContain('<section data-footnotes class="footnotes">');
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<code class="language-js">');
  });
});

describe('liveMarkup (the detector the tests rely on)', () => {
  it('finds what a browser would run, and not harmless text in attribute values', () => {
    expect(liveMarkup('<p>x<img src=x onerror=alert(1)><a href=" java\tscript:alert(1)">y</a><svg></svg></p>')).toHaveLength(3);
    expect(liveMarkup('<p title="</noscript><img src=x onerror=alert(1)>">&lt;script&gt;</p>')).toEqual([]);
  });
});
