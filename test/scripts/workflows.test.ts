/** The GitHub workflows and templates: valid YAML that runs what .ci/run and the README run. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/pipeline/frontmatter.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string }
interface Job { 'runs-on': string; container?: string; needs?: string | string[]; steps: Step[]; environment?: unknown; permissions?: Record<string, string> }
interface Workflow { name: string; on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }

function workflow(rel: string): Workflow {
  const doc = YAML.parseDocument(read(rel), { strict: true, uniqueKeys: true });
  expect(doc.errors.map((e) => e.message), rel).toEqual([]);
  return doc.toJS() as Workflow;
}
/** Every shell command the workflow runs, one per line, in order. */
const commandsOf = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ?? '').split('\n').map((l) => l.trim()).filter(Boolean)));
const actionsOf = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps.filter((s) => s.uses).map((s) => s.uses!.split('@')[0]));

/** The npm commands of .ci/run, in order, without the options passed through to the test runner ("-- --reporter=…"). */
const ciCommands = read('.ci/run').split('\n').map((l) => l.trim()).filter((l) => /^npm /.test(l)).map((l) => l.replace(/ -- .*$/, ''));
/** The README's test command ("npm ci && npm test"), split into commands. */
const readmeTest = (() => {
  const m = /Install and run every test[\s\S]*?\n\n {4}(.+)\n/.exec(read('README.md'));
  return m ? m[1].split('&&').map((c) => c.trim()) : [];
})();

describe('.github/workflows/pr.yml', () => {
  const pr = workflow('.github/workflows/pr.yml');
  const commands = commandsOf(pr);

  it('runs on pull requests, read-only', () => {
    expect(Object.keys(pr.on)).toContain('pull_request');
    expect(pr.permissions).toEqual({ contents: 'read' });
  });

  it('runs the same npm commands as .ci/run, in the same order, and the README test command', () => {
    expect(ciCommands).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
    const positions = ciCommands.map((c) => commands.indexOf(c));
    expect(positions.every((p) => p >= 0), `missing: ${ciCommands.filter((c) => !commands.includes(c))}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(readmeTest).toEqual(['npm ci', 'npm test']);
    for (const c of readmeTest) expect(commands.some((line) => line === c || line.startsWith(`${c} `))).toBe(true);
  });

  it('installs Debian\'s Chromium for the browser tests before the tests', () => {
    const job = Object.values(pr.jobs)[0];
    expect(job.container).toMatch(/^node:20-bookworm/);
    const install = commands.findIndex((c) => /apt-get install .*\bchromium\b/.test(c));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(commands.indexOf('npm test'));
  });

  it('runs the content check with GitHub annotations, after npm ci', () => {
    const check = commands.indexOf('npm run check -- --format github');
    expect(check).toBeGreaterThan(commands.indexOf('npm ci --no-audit --no-fund'));
  });

  it('builds, then uploads the site and the offline zip as artifacts', () => {
    const steps = Object.values(pr.jobs).flatMap((j) => j.steps);
    const build = steps.findIndex((s) => s.run === 'npm run build');
    const uploads = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads.map(({ s }) => s.with?.path)).toEqual(['dist/', 'dist/dossier-offline.zip']);
    expect(uploads.every(({ i }) => i > build)).toBe(true);
  });
});

describe('.github/workflows/pages.yml', () => {
  const pages = workflow('.github/workflows/pages.yml');

  it('publishes main with the GitHub Pages actions', () => {
    expect(pages.on.push).toEqual({ branches: ['main'] });
    expect(actionsOf(pages)).toEqual(['actions/checkout', 'actions/configure-pages', 'actions/cache', 'actions/upload-pages-artifact', 'actions/deploy-pages']);
    const upload = pages.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe('dist/');
    expect(pages.jobs.deploy.needs).toBe('build');
  });

  it('gives the right to publish to the deploy job only: the build job runs content and reads', () => {
    expect(pages.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(pages.jobs).sort()).toEqual(['build', 'deploy']);
    // Read only (configure-pages reads the site's Pages settings); a job's permissions replace the workflow's.
    expect(pages.jobs.build.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(pages.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    // The deploy job only deploys the uploaded artifact: no checkout, no command.
    expect(pages.jobs.deploy.steps.map((s) => s.uses?.split('@')[0] ?? s.run)).toEqual(['actions/deploy-pages']);
  });

  it('installs with npm ci, checks, then builds', () => {
    const commands = commandsOf(pages);
    expect(commands).toEqual(['npm ci --no-audit --no-fund', 'npm run check -- --format github', 'npm run build']);
  });
});

describe('the build cache in both workflows', () => {
  it.each(['.github/workflows/pr.yml', '.github/workflows/pages.yml'])('%s restores Astro\'s cache folder after npm ci and before the build, keyed by the lockfile', (rel) => {
    const steps = Object.values(workflow(rel).jobs).flatMap((j) => j.steps);
    const at = (pred: (s: Step) => boolean) => steps.findIndex(pred);
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache?.with?.path).toBe('node_modules/.astro');
    expect(String(cache?.with?.key)).toContain("hashFiles('package-lock.json')");
    const cacheAt = at((s) => s === cache);
    expect(cacheAt).toBeGreaterThan(at((s) => s.run === 'npm ci --no-audit --no-fund'));
    expect(cacheAt).toBeLessThan(at((s) => s.run === 'npm run build'));
  });
});

describe('every workflow step', () => {
  it.each(['.github/workflows/pr.yml', '.github/workflows/pages.yml'])('%s: each step either runs a command or uses an action pinned to a version', (rel) => {
    for (const job of Object.values(workflow(rel).jobs)) {
      expect(job['runs-on']).toBe('ubuntu-latest');
      for (const step of job.steps) {
        expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
        if (step.uses) expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
      }
    }
  });
});

describe('pull request and issue templates', () => {
  it('the pull request template has the citation checklist', () => {
    const text = read('.github/pull_request_template.md');
    for (const item of ['cites a source entry', 'opened and read', 'circa: true', 'status: reported', 'neutral', 'npm run check']) expect(text).toContain(item);
  });

  it.each(['correction', 'new-entry'])('ISSUE_TEMPLATE/%s.md has the frontmatter GitHub needs (name, about)', (name) => {
    const rel = `.github/ISSUE_TEMPLATE/${name}.md`;
    expect(existsSync(path.join(ROOT, rel))).toBe(true);
    const split = splitFrontmatter(read(rel));
    expect(split.ok).toBe(true);
    const data = split.ok ? YAML.parse(split.value.yaml) : {};
    expect(data).toMatchObject({ name: expect.any(String), about: expect.any(String), title: expect.any(String) });
  });
});
