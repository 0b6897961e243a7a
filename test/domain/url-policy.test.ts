import { describe, expect, it } from 'vitest';
import { isExternalUrl, urlProblem, urlScheme } from '../../src/domain/url-policy.ts';

describe('urlProblem: which URLs content may use', () => {
  it.each([
    ['https://example.com/a?b#c', 'link'], ['http://example.com', 'link'], ['mailto:press@example.com', 'link'],
    ['/actors/kataib-hezbollah/', 'link'], ['#fn-1', 'link'], ['../places/iraq/', 'link'], ['report.pdf', 'link'],
    ['./map.png', 'image'], ['images/map%20large.png', 'image'], ['/favicon.svg', 'image'],
  ] as const)('allows %s as a %s', (url, use) => {
    expect(urlProblem(url, use)).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)', 'link', 'javascript: URLs run code'],
    ['JaVaScRiPt:alert(1)', 'link', 'javascript: URLs run code'],
    [' \tjava\nscript:alert(1)', 'link', 'javascript: URLs run code'],
    ['\u0000javascript:alert(1)', 'link', 'javascript: URLs run code'],
    ['vbscript:msgbox(1)', 'link', 'vbscript: URLs run code'],
    ['data:text/html,<script>alert(1)</script>', 'link', 'data: URLs are not allowed in links'],
    ['data:image/png;base64,AAAA', 'image', 'data: images are not allowed'],
    ['file:///etc/passwd', 'link', '"file:" links are not allowed; use https://, http://, mailto: or a path on this site'],
    ['https://tracker.example/p.png', 'image', 'images must be files of the dossier'],
    ['//tracker.example/p.png', 'image', 'images must be files of the dossier'],
    ['mailto:a@b.c', 'image', 'images must be files of the dossier'],
    ['bad%zz.png', 'image', 'a % must be followed by two hexadecimal digits'],
  ] as const)('refuses %j as a %s', (url, use, message) => {
    expect(urlProblem(url, use)).toContain(message);
  });

  it('reads the scheme as a browser does', () => {
    expect(urlScheme('  HTTPS://x')).toBe('https');
    expect(urlScheme('/a:b')).toBeUndefined();
    expect(urlScheme('a/b:c')).toBeUndefined();
  });

  it('calls absolute web links external, site paths not', () => {
    expect([isExternalUrl('https://x.org'), isExternalUrl('//x.org'), isExternalUrl('/actors/'), isExternalUrl('#fn-1'), isExternalUrl('mailto:a@b')]).toEqual([true, true, false, false, false]);
  });
});
