import { describe, expect, it } from 'vitest';
import { htmlParts } from '../../bench/html-parts.ts';

const bytes = (s: string) => Buffer.byteLength(s);

describe('htmlParts', () => {
  it('counts each part by its outermost element, and the rest as other', () => {
    const head = '<head><meta charset="utf-8"><title>T</title><script>if (a < b) document.body;</script></head>';
    const text = '<div class="prose body entry-body"><p>Al-Qa’im <a href="/x/">x</a></p></div>';
    const sources = '<section class="footnotes" aria-labelledby="s"><ol><li id="fn-1">S</li></ol></section>';
    // A timeline inside the related section counts for the related section only.
    const related = '<section class="related"><ul><li>a</li></ul><figure class="viz viz-timeline"><svg><a href="/e/"><title>e</title></a></svg></figure></section>';
    const html = `<!DOCTYPE html><html lang="en">${head}<body><main>${text}${sources}${related}<!-- <section class="footnotes"> --></main></body></html>`;
    const parts = htmlParts(html);
    expect(parts.head).toBe(bytes(head));
    expect(parts.text).toBe(bytes(text));
    expect(parts.sources).toBe(bytes(sources));
    expect(parts.related).toBe(bytes(related));
    expect(parts.timeline).toBe(0);
    expect(Object.values(parts).reduce((a, b) => a + b, 0)).toBe(bytes(html));
    expect(parts.other).toBe(bytes(html) - bytes(head) - bytes(text) - bytes(sources) - bytes(related));
  });

  it('closes an element whose end tag was left out when its parent ends', () => {
    const infobox = '<aside class="infobox"><dl><dt>Date<dd>2017</dl></aside>';
    const parts = htmlParts(`<body><p>x${infobox}</body>`);
    expect(parts.infobox).toBe(bytes(infobox));
  });

  it('needs the class on the element: another section is not a part', () => {
    const parts = htmlParts('<body><section class="related-group"><ul></ul></section><header class="page-header">h</header></body>');
    expect(parts.related).toBe(0);
    expect(parts.header).toBe(0);
  });
});
