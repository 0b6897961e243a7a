import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyCsp } from '../../src/domain/csp.ts';

const page = (head: string, body = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title>${head}</head><body>${body}</body></html>`;
const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const policyOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;|&apos;/g, "'");

describe('applyCsp', () => {
  it('puts the policy right after <meta charset>, strict by default', () => {
    const { html, policy, problems } = applyCsp(page(''));
    expect(html.startsWith('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="')).toBe(true);
    expect(policyOf(html)).toBe(policy);
    expect(policy).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(problems).toEqual([]);
  });

  it('allows exactly the inline scripts and styles of the page, by hash', () => {
    const script = "\n  document.documentElement.dataset.theme = localStorage.getItem('theme') ?? 'light';\n";
    const { policy } = applyCsp(page(`<script>${script}</script><style>p{color:red}</style>`, '<script type="module">import "/x.js"</script><p style="color: blue">x</p>'));
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${[hash(script), hash('import "/x.js"')].sort().join(' ')};`);
    expect(policy).toContain(`style-src 'self' 'unsafe-hashes' ${[hash('p{color:red}'), hash('color: blue')].sort().join(' ')};`);
  });

  it('ignores external scripts and data blocks (JSON-LD is not executed)', () => {
    const { policy } = applyCsp(page('<script type="module" src="/_astro/a.js"></script><script type="application/ld+json">{"a":1}</script>'));
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });

  it('finds the real <meta charset> when a comment or script before it mentions one', () => {
    const tricky = `<!DOCTYPE html><html lang="en"><head><!-- <meta charset="x"> --><script>"<meta charset=y>"</script><meta charset="utf-8"><title>T</title></head><body></body></html>`;
    const { html } = applyCsp(tricky);
    expect(html).toContain('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"');
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(html).toContain('<!-- <meta charset="x"> -->');
  });

  it('is idempotent: a page processed twice has one policy', () => {
    const once = applyCsp(page('<script>1</script>')).html;
    const twice = applyCsp(once).html;
    expect(twice).toBe(once);
    expect(twice.match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('recomputes hashes when a later step changed the scripts (the offline edition)', () => {
    const web = applyCsp(page('<script>1</script>')).html;
    const offline = applyCsp(web.replace('<script>1</script>', '<script>2</script>'), { offline: true });
    expect(offline.policy).toContain(hash('2'));
    expect(offline.policy).not.toContain(hash('1'));
    expect(offline.policy).toContain("default-src 'self' file:");
    expect(offline.html.match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('refuses inline event handlers, javascript: URLs and resources from other sites', () => {
    const { problems } = applyCsp(page(
      '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>',
      '<button onclick="go()">x</button><a href="javascript:void(0)">y</a><img src="https://tracker.example/p.png"><a href="https://example.com/">fine</a><link rel="canonical" href="https://example.com/">',
    ));
    expect(problems).toEqual([
      '<link> loads https://cdn.example/x.css from another site: every file must come from this site (readers\' privacy, offline edition)',
      '<script> loads //cdn.example/x.js from another site: every file must come from this site (readers\' privacy, offline edition)',
      '<button onclick="…">: inline event handlers are not allowed (and the page\'s policy would block them); attach the handler in a script',
      '<a href="javascript:void(0)">: javascript: URLs are not allowed',
      '<img> loads https://tracker.example/p.png from another site: every file must come from this site (readers\' privacy, offline edition)',
    ]);
  });

  it('gives external links rel="noopener noreferrer", in templates as in bodies', () => {
    const { html, problems } = applyCsp(page('', '<a href="https://example.com/">a</a><a class="x" href="//example.org/">b</a><a href="/local/">c</a><a href="https://example.net/" rel="noopener noreferrer">d</a>'));
    expect(html).toContain('<a rel="noopener noreferrer" href="https://example.com/">a</a><a rel="noopener noreferrer" class="x" href="//example.org/">b</a><a href="/local/">c</a><a href="https://example.net/" rel="noopener noreferrer">d</a>');
    expect(problems).toEqual([]);
    expect(applyCsp(page('', '<a href="https://example.com/" rel="external">a</a>')).problems).toEqual(['<a href="https://example.com/" rel="external">: an external link needs rel="noopener noreferrer"']);
  });
});
