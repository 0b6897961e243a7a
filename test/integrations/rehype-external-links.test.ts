import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { isExternalUrl } from '../../src/domain/url-policy.ts';
import { rehypeExternalLinks } from '../../src/integrations/rehype-external-links.ts';

const run = (html: string, siteUrl?: string) => {
  const tree = fromHtml(html, { fragment: true });
  rehypeExternalLinks({ siteUrl })(tree as any);
  return toHtml(tree);
};

describe('external links in entry bodies', () => {
  it('are marked for eyes and screen readers, without opener or referrer', () => {
    expect(run('<a href="https://example.org/a">read</a>')).toBe(
      '<a href="https://example.org/a" class="external" rel="noopener noreferrer">read<span class="external-mark" aria-hidden="true">↗</span><span class="visually-hidden"> (external link)</span></a>',
    );
  });

  it('leave site links, anchors, mail and the site\'s own address alone', () => {
    for (const html of ['<a href="/actors/x/">x</a>', '<a href="#fn-1">1</a>', '<a href="mailto:a@b.c">m</a>']) expect(run(html)).toBe(html);
    expect(isExternalUrl('https://site.example/actors/', 'https://site.example')).toBe(false);
    expect(isExternalUrl('https://site.example.evil/', 'https://site.example')).toBe(true);
  });
});
