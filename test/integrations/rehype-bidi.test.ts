/**
 * The body renderer isolates Arabic-script runs in English prose (src/integrations/rehype-bidi.ts):
 * the closing quotation mark and the footnote number stay after the quotation.
 */
import { describe, expect, it } from 'vitest';
import { renderBody, type RenderContext } from '../../src/pipeline/render-body.ts';
import type { LinkTarget } from '../../src/integrations/remark-dossier.ts';

const targets: Record<string, LinkTarget> = { 'al-bukamal': { collection: 'places', id: 'al-bukamal', label: 'البوكمال' } };
const context: RenderContext = {
  components: [],
  resolve: (w) => targets[w],
  images: (url) => ({ ok: false, message: `no ${url}` }),
};
const render = (md: string, extra: Partial<RenderContext> = {}) => {
  const r = renderBody(md, { mdx: false, firstLine: 1, entryFile: 'events/e.md' }, { ...context, ...extra });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.html.trim();
};

describe('Arabic in English bodies', () => {
  it('isolates a quotation, leaving its quotation marks and footnote outside', () => {
    expect(render('The report: "البوكمال تحت مرمى صواريخ القوات العراقية" [^1].\n\n[^1]: A note.'))
      .toMatch(/^<p>The report: “<bdi lang="ar">البوكمال تحت مرمى صواريخ القوات العراقية<\/bdi>” <sup>/);
  });

  it('keeps a run whole through emphasis and links, so its words keep their order', () => {
    expect(render('He said "البوكمال *تحت* مرمى [[al-bukamal]] الآن" yesterday.'))
      .toBe('<p>He said “<bdi lang="ar">البوكمال <em>تحت</em> مرمى <a href="/places/al-bukamal/" class="wikilink">البوكمال</a> الآن</bdi>” yesterday.</p>');
  });

  it('marks Persian text fa', () => {
    expect(render('The name سپاه پاسداران is Persian.')).toBe('<p>The name <bdi lang="fa">سپاه پاسداران</bdi> is Persian.</p>');
  });

  it('gives a paragraph that is all Arabic its direction and language instead', () => {
    expect(render('> البوكمال تحت مرمى.')).toBe('<blockquote>\n<p dir="rtl" lang="ar">البوكمال تحت مرمى.</p>\n</blockquote>');
  });

  it('leaves code, English-only text and right-to-left dossiers alone', () => {
    expect(render('Code: `البوكمال` here.')).toBe('<p>Code: <code>البوكمال</code> here.</p>');
    expect(render('Just "English" [^1].\n\n[^1]: n')).not.toContain('<bdi');
    expect(render('قال "البوكمال" الآن', { language: 'ar' })).not.toContain('<bdi');
  });
});
