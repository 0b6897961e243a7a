import { describe, expect, it } from 'vitest';
import { applyCsp, applyCspScanned } from '../../src/domain/csp.ts';
import { decodeAttr, scanTags } from '../../src/domain/html-scan.ts';

const page = (head: string, body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}<title>T &amp; U</title></head><body>${body}</body></html>`;

/** Pages the render-time scan reads: its policy, page and problems are exactly the full parse's. */
const read: [string, string][] = [
  ['a plain page', page('', '<p>Text</p>')],
  ['an inline script and a JSON block (not hashed)', page('<script>var a = 1 < 2;</script>', '<script type="application/json">{"a":"\\u003c/script>"}</script>')],
  ['a module script and a style attribute', page('<script type="module">import "/x.js"</script>', '<p style="color: red">x</p>')],
  ['an inline style element', page('<style>p{color:red}</style>', '<p>x</p>')],
  ['an inline event handler', page('', '<button onclick="go()">x</button><svg><a onmouseover="x()"></a></svg>')],
  ['javascript: URLs, even written with references', page('', '<a href="javascript:alert(1)">x</a><a href="&#106;avascript:alert(1)">y</a><form action=" JAVASCRIPT:x"></form>')],
  ['resources from another site', page('<link rel="stylesheet" href="https://cdn.example/x.css">', '<img src="//cdn.example/a.png"><script src="https://x.example/a.js"></script><object data="https://x.example/o"></object>')],
  ['an external link without rel gets one; with a weak rel it is refused', page('', '<a href="https://example.org/">a</a><a href="https://example.org/" rel="nofollow">b</a><a href="https://example.org/" rel="noopener noreferrer">c</a>')],
  ['an old policy replaced', page('<meta http-equiv="Content-Security-Policy" content="default-src *">', '<p>x</p>')],
  ['attributes in every quoting, duplicates (the first wins), bare ones', page('', `<p title='a "b"' class=c data-x hidden title="second">x</p><input value=a/b>`)],
  ['character references that matter', page('', '<p style="color:&quot;red&quot;">x</p><a href="/a?x=1&amp;y=2">x</a>')],
  ['references in values it does not read', page('', '<p title="&hellip; &copy" class="a&b">x</p>')],
  ['attribute names it reads, anywhere in a tag', page('', '<svg><g class="x"/><a class="m" data-x="1" onfocus="x()" xlink:href="javascript:1"/></svg><p data-a="1"style="color:red">x</p>')],
  ['comments and raw text that look like tags', page('<!-- <script>alert(1)</script> -->', '<textarea><a onclick="x()"></textarea><title>x</title><p>a < b</p>')],
  ['self-closing SVG and void elements', page('', '<svg viewBox="0 0 1 1"><path d="M0,0L1,1"/><g><title>t</title></g></svg><br/><img src="/a.png" alt="">')],
];

/** Pages it leaves to the full parse (undefined), where it could read them otherwise than a browser. */
const leftToParse: [string, string][] = [
  ['a carriage return', page('', '<p>a\r\nb</p>')],
  ['a comment opener inside a script', page('<script><!--<script>x</script>--></script>', '')],
  ['a script inside SVG', page('', '<svg><script>alert(1)</script></svg>')],
  ['HTML that breaks out of SVG', page('', '<svg><p onclick="x()"></p></svg>')],
  ['an end tag that closes something else', page('', '<div><span></div></span>')],
  ['an element left open', page('', '<div><p>x</p>')],
  ['a reference without its semicolon', page('', '<a href="/a?x=1&copy=2">x</a>')],
  ['an unknown named reference in a value it reads', page('', '<a href="/a&hellip;">x</a>')],
  ['MathML', page('', '<math><mi>x</mi></math>')],
  ['a comment that ends at once', page('', '<!--><p onclick="x()">')],
];

describe('the render-time scan of a page (src/domain/html-scan.ts)', () => {
  it.each(read)('reads %s exactly as the full parse does', (_case, html) => {
    const scanned = applyCspScanned(html);
    expect(scanned).toBeDefined();
    const full = applyCsp(html);
    expect({ html: scanned!.html, policy: scanned!.policy, problems: scanned!.problems }).toEqual(full);
  });

  it.each(leftToParse)('leaves %s to the full parse', (_case, html) => {
    expect(scanTags(html)).toBeUndefined();
    expect(applyCspScanned(html)).toBeUndefined();
  });

  it('finds what the policy must refuse, in plain words', () => {
    const { problems } = applyCspScanned(read[4][1])!;
    expect(problems).toEqual([
      '<button onclick="…">: inline event handlers are not allowed (and the page\'s policy would block them); attach the handler in a script',
      '<a onmouseover="…">: inline event handlers are not allowed (and the page\'s policy would block them); attach the handler in a script',
    ]);
    expect(applyCspScanned(read[5][1])!.problems).toEqual([
      '<a href="javascript:alert(1)">: javascript: URLs are not allowed',
      '<a href="javascript:alert(1)">: javascript: URLs are not allowed',
      '<form action=" JAVASCRIPT:x">: javascript: URLs are not allowed',
    ]);
  });

  it.each([
    ['a &amp; b', 'a & b'],
    ['&#39;&#x27;&quot;&lt;&gt;&nbsp;', `''"<>\u00a0`],
    ['no references', 'no references'],
    ['a & b', 'a & b'],
    ['&copy', null],
    ['&hellip;', null],
    ['&#0;', null],
    ['&#x80;', null],
  ])('decodes the attribute value %j as %j (null: left to the full parse)', (raw, value) => {
    expect(decodeAttr(raw)).toBe(value);
  });
});
