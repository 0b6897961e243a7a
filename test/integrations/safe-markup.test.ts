/**
 * Defence in depth: what reaches a page when the check is skipped (astro dev shows
 * problems only as warnings). Bodies are rendered by the same processors and plugin
 * order as the build: Astro's Markdown processor, and MDX's compiler.
 */
import { createMarkdownProcessor, type RemarkPlugin } from '@astrojs/markdown-remark';
import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { rehypeSafe } from '../../src/integrations/rehype-safe.ts';
import { remarkDossier, type LinkTarget } from '../../src/integrations/remark-dossier.ts';
import { remarkSafe } from '../../src/integrations/remark-safe.ts';
import { remarkTypography } from '../../src/integrations/remark-typography.ts';
import { liveMarkup } from '../helpers/markup.ts';

const targets: Record<string, LinkTarget> = { 'group-a': { collection: 'actors', id: 'group-a', label: 'Group A' } };
const processor = createMarkdownProcessor({
  syntaxHighlight: false,
  // As the integration configures it: smart quotes from remarkTypography, after the safety step.
  smartypants: false,
  // Our plugins type their trees loosely (they read a few fields); Astro wants mdast's Root.
  remarkPlugins: [
    [remarkSafe as unknown as RemarkPlugin, { components: [] }],
    [remarkDossier as unknown as RemarkPlugin, { resolve: (w: string) => targets[w], digest: 'test' }],
    remarkTypography as unknown as RemarkPlugin,
  ],
  rehypePlugins: [rehypeSafe],
});
const render = async (md: string) => (await (await processor).render(md)).code;

describe('Markdown bodies are reduced to safe markup in the build', () => {
  it.each([
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
  ])('%s', async (_name, md) => {
    expect(liveMarkup(await render(md))).toEqual([]);
  });

  it('keeps text that only looks like markup as text', async () => {
    const html = await render('&lt;script&gt;alert(1)&lt;/script&gt; and `<b>code</b>`');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).toContain('<code>&#x3C;b>code&#x3C;/b></code>');
  });

  it('drops a remote image, keeping its alt text', async () => {
    expect(await render('![a tracking pixel](https://tracker.example/p.png)')).toBe('<p>a tracking pixel</p>');
  });

  it('gives external links rel="noopener noreferrer", in Markdown and in raw HTML', async () => {
    expect(await render('[ext](https://example.com/a)')).toBe('<p><a href="https://example.com/a" rel="noopener noreferrer">ext</a></p>');
    expect(await render('<a href="https://example.com/b" target="_blank">ext</a>')).toBe('<p><a href="https://example.com/b" rel="noopener noreferrer">ext</a></p>');
    expect(await render('[in](/actors/group-a/)')).toBe('<p><a href="/actors/group-a/">in</a></p>');
  });

  it('keeps our own markup: wikilinks, citations, GFM footnotes, tables, task lists, code languages', async () => {
    const html = await render('[[group-a]] said so [@report-a].[^n]\n\n[^n]: A note.\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n\n```js\nx\n```\n');
    expect(html).toContain('<a href="/actors/group-a/" class="wikilink">Group A</a>');
    expect(html).toContain('<sup class="citation"><a href="#fn-1" id="cite-1-1" class="cite" aria-label="Source 1">[1]</a></sup>');
    expect(html).toMatch(/<a href="#user-content-fn-n" id="user-content-fnref-n" data-footnote-ref="" aria-describedby="footnote-label">1<\/a>/);
    expect(html).toContain('<section data-footnotes="" class="footnotes">');
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<code class="language-js">');
  });
});

describe('MDX code never reaches the compiled page', () => {
  const compileMdx = async (source: string) => String(await compile(source, {
    remarkPlugins: [[remarkSafe, { components: ['Timeline', 'Graph'] }]],
    rehypePlugins: [rehypeSafe],
  }));

  it('removes other imports, exports and expressions, keeps content components and literal attributes', async () => {
    const js = await compileMdx([
      "import Timeline from '~/components/content/Timeline.astro'",
      "import fs from 'node:fs'",
      'export const leak = process.env.HOME',
      '',
      '<Timeline events={["a", "b"]} span={{ start: 2017, end: -1 }} title="T" data={fs.readFileSync("/etc/passwd")} onClick="alert(1)" {...globalThis} />',
      '',
      'Text {alert(document.cookie)} and <div onClick={() => alert(1)}>inner text</div> and <Unknown />.',
      '',
      '<Graph focus="x" />',
    ].join('\n'));
    expect(js).toContain('~/components/content/Timeline.astro');
    expect(js).toMatch(/events: \["a", "b"\]/);
    expect(js).toContain('title: "T"');
    for (const gone of ['node:fs', 'process.env', 'readFileSync', 'alert', 'onClick', 'globalThis', 'Unknown', 'document.cookie']) expect(js).not.toContain(gone);
    expect(js).toContain('inner text');
    // A content component used without an import (pages pass them in) stays.
    expect(js).toMatch(/_jsx\(Graph, \{\s*focus: "x"/);
  });
});

describe('liveMarkup (the detector the tests rely on)', () => {
  it('finds what a browser would run, and not harmless text in attribute values', () => {
    expect(liveMarkup('<p>x<img src=x onerror=alert(1)><a href=" java\tscript:alert(1)">y</a><svg></svg></p>')).toHaveLength(3);
    expect(liveMarkup('<p title="</noscript><img src=x onerror=alert(1)>">&lt;script&gt;</p>')).toEqual([]);
  });
});

describe('the dossier integration', () => {
  it('puts the safety steps into Astro\'s Markdown (and so MDX) pipeline, in dev as in build', async () => {
    const { dossier } = await import('../../src/integrations/dossier.ts');
    const { FIXTURES } = await import('../helpers/build.ts');
    const saved = process.env.DOSSIER_CONTENT_DIR;
    process.env.DOSSIER_CONTENT_DIR = FIXTURES.mini;
    try {
      const updates: any[] = [];
      await (dossier().hooks as any)['astro:config:setup']({ command: 'dev', updateConfig: (u: unknown) => updates.push(u), logger: { warn() {}, info() {} } });
      const { remarkPlugins, rehypePlugins } = updates[0].markdown;
      // Code is stripped first; smart quotes (remarkTypography, in place of smartypants) come last, on safe text.
      expect(remarkPlugins.map((p: any) => (Array.isArray(p) ? p[0] : p))).toEqual([remarkSafe, remarkDossier, remarkTypography]);
      // The allowlist runs first; marking external links comes after, on safe markup.
      expect(rehypePlugins[0]).toBe(rehypeSafe);
      expect(rehypePlugins.slice(1).map((p: any) => (Array.isArray(p) ? p[0] : p).name)).toEqual(['rehypeExternalLinks']);
    } finally {
      process.env.DOSSIER_CONTENT_DIR = saved;
    }
  });
});
