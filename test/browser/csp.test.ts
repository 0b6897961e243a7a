/**
 * The web build in a browser: every page carries its Content-Security-Policy and
 * nothing on it is refused (scripts, styles, images, search all within the policy).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCsp } from '../../src/domain/csp.ts';
import { htmlFiles } from '../../src/pipeline/files.ts';
import { distOf, FIXTURES, type FixtureName } from '../helpers/build.ts';
import { launchBrowser, serveDir } from '../helpers/browser.ts';
import { visitForViolations } from '../helpers/security.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const pagesOf = (dist: string) => htmlFiles(dist).map((f) => `/${path.relative(dist, f).split(path.sep).join('/').replace(/index\.html$/, '')}`);

describe.each(Object.keys(FIXTURES) as FixtureName[])('the %s build', (name) => {
  it('has exactly one policy on every page, first after <meta charset>, without unsafe-inline or other origins', () => {
    for (const file of htmlFiles(distOf(name))) {
      const html = readFileSync(file, 'utf8');
      const metas: string[] = html.match(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/g) ?? [];
      expect(metas, file).toHaveLength(1);
      expect(html.indexOf(metas[0]), file).toBe(html.indexOf('<meta charset="utf-8">') + '<meta charset="utf-8">'.length);
      expect(metas[0]).toContain("object-src 'none'");
      expect(metas[0]).toContain("base-uri 'self'");
      expect(metas[0]).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    }
  });

  it('opens every page with no policy violation, no dialog and no script error', async () => {
    const server = await serveDir(distOf(name));
    try {
      const urls = pagesOf(distOf(name));
      const seen = await visitForViolations(browser, server.url, urls);
      expect(seen.violations).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.visited).toBe(urls.length);
    } finally {
      await server.close();
    }
  }, 300_000); // every page of the dossier, one after another
});

describe('the violation detector', () => {
  it('sees a blocked inline script, and a dialog where no policy blocks it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-'));
    const page = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
    mkdirSync(path.join(dir, 'blocked'));
    writeFileSync(path.join(dir, 'blocked/index.html'), applyCsp(page('<script>alert("blocked")</script>')).html.replace(/<script>/, '<script>1;'));
    writeFileSync(path.join(dir, 'index.html'), page('<script>alert("no policy")</script>'));
    const server = await serveDir(dir);
    try {
      const seen = await visitForViolations(browser, server.url, ['/blocked/', '/']);
      expect(seen.violations.join('\n')).toMatch(/^\/blocked\/: .*script-src/m);
      expect(seen.dialogs).toEqual(['/: alert no policy']);
    } finally {
      await server.close();
    }
  });
});
