/**
 * Nothing lost: a build stopped by the check leaves the previous output as it was;
 * a build that fails after it started writing removes the output instead of leaving
 * it half-written.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE, distOf, ROOT } from '../helpers/build.ts';
import { EVENT, makeDossier } from '../helpers/dossier.ts';

/** Every file and folder with its content and modification time. */
const snapshot = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).sort().map((rel) => {
  const full = path.join(dir, rel);
  const stat = statSync(full);
  return stat.isFile() ? `${rel} ${stat.mtimeMs} ${readFileSync(full, 'base64')}` : `${rel}/`;
});

/** Runs node with arguments without blocking the test worker. */
function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => { stdout += b; });
  child.stderr.on('data', (b) => { stderr += b; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('a failed build', () => {
  it('stopped by the check, leaves the previous build untouched', async () => {
    const out = path.join(CACHE, 'keep', 'dist');
    rmSync(path.dirname(out), { recursive: true, force: true });
    mkdirSync(path.dirname(out), { recursive: true });
    cpSync(distOf('mini'), out, { recursive: true });
    const before = snapshot(out);
    const r = await run([path.join(ROOT, 'node_modules/astro/astro.js'), 'build'], {
      ...process.env, ASTRO_TELEMETRY_DISABLED: '1', DOSSIER_CONTENT_DIR: makeDossier({ 'events/e.md': EVENT('', '<script>alert(1)</script>') }), DOSSIER_OUT_DIR: out, DOSSIER_CACHE_DIR: path.join(CACHE, 'keep', 'astro-cache'),
    });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain('raw HTML is not allowed: <script>alert(1)</script>');
    expect(r.stdout + r.stderr).toContain('nothing was built');
    expect(snapshot(out)).toEqual(before);
  });

  it('after it started writing, removes the output and says so; a successful one keeps it', async () => {
    const script = path.join(CACHE, 'exit-hook.ts');
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(script, [
      `import { dossier } from ${JSON.stringify(path.join(ROOT, 'src/integrations/dossier.ts'))};`,
      'const [out, code] = process.argv.slice(2);',
      'const hooks = dossier().hooks as any;',
      "hooks['astro:config:done']({ config: { outDir: new URL(`file://${out}/`) } });",
      "hooks['astro:build:start']({});",
      'process.exit(Number(code));',
    ].join('\n'));
    for (const [code, kept] of [[1, false], [0, true]] as const) {
      const out = path.join(CACHE, `half-${code}`, 'dist');
      mkdirSync(out, { recursive: true });
      writeFileSync(path.join(out, 'index.html'), '<!DOCTYPE html><p>half</p>');
      const r = await run([path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script, out, String(code)]);
      expect(r.status).toBe(code);
      expect(existsSync(out)).toBe(kept);
      if (!kept) expect(r.stderr).toContain(`The build failed: ${out}/ was removed, so that no half-built site can be published.`);
    }
  });
});
