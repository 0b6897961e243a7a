/**
 * The stack the project runs on (README, "On a fresh machine"): Node 24 from the npm
 * registry (the `node` package, pinned exactly), so every npm script, and every Node the
 * tests spawn through process.execPath, is Node 24 even on a machine whose own Node is 20;
 * one Zod, the one Astro uses; no telemetry and no update check by default.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('Node 24 from the npm registry', () => {
  it('is pinned exactly as a dependency; engines say Node 22.12 or later', () => {
    expect(pkg.dependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(pkg.engines.node).toBe('>=22.12');
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('runs the tests, and is what process.execPath (used by every spawn of node in test/ and bench/) starts', () => {
    expect(process.version).toBe(`v${pkg.dependencies.node}`);
    const spawned = spawnSync(process.execPath, ['--version'], { encoding: 'utf8' });
    expect(spawned.stdout.trim()).toBe(`v${pkg.dependencies.node}`);
  });

  it('is the node an npm script finds first on its PATH', () => {
    const r = spawnSync('npm', ['exec', '--offline', '--', 'node', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(`v${pkg.dependencies.node}`);
  });
});

describe('one Zod', () => {
  it('the project imports the same zod as Astro', () => {
    const fromRoot = createRequire(path.join(ROOT, 'package.json')).resolve('zod');
    const fromAstro = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('astro/package.json')).resolve('zod');
    expect(fromAstro).toBe(fromRoot);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'node_modules/zod/package.json'), 'utf8')).version).toBe(pkg.dependencies.zod);
  });
});

describe('privacy', () => {
  it('the Astro config turns off telemetry and the update check unless the environment says otherwise', async () => {
    delete process.env.ASTRO_TELEMETRY_DISABLED;
    delete process.env.ASTRO_DISABLE_UPDATE_CHECK;
    await import('../../astro.config.mjs');
    expect(process.env.ASTRO_TELEMETRY_DISABLED).toBe('1');
    expect(process.env.ASTRO_DISABLE_UPDATE_CHECK).toBe('true');
  });
});
