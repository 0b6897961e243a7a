import { describe, expect, it } from 'vitest';
import { htmlContent, htmlParts } from '../../bench/html-parts.ts';

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

describe('htmlContent', () => {
  it('counts the text a reader reads and the links\' targets, not the markup, head, scripts or drawings', () => {
    const html = '<!DOCTYPE html><html><head><title>Title</title><link rel="stylesheet" href="/s.css"></head>'
      + '<body><p>Al-Qa’im  <a href="/places/x/" class="wikilink">x</a></p><script>if (a < b) go();</script>'
      + '<figure><svg><a href="/e/"><title>e</title><text>label</text></a></svg></figure><!-- note --></body></html>';
    // "Al-Qa’im " (the two spaces as one; ’ is 3 bytes) + "x"; targets "/s.css", "/places/x/" and "/e/".
    expect(htmlContent(html)).toEqual({ text: bytes('Al-Qa’im ') + 1, links: bytes('/s.css') + bytes('/places/x/') + bytes('/e/') });
  });

  it('reads text again after a drawing ends, and counts a lone "<" as text', () => {
    expect(htmlContent('<p>a<svg><rect/><text>b</text></svg>c < d</p>')).toEqual({ text: bytes('ac < d'), links: 0 });
  });
});
