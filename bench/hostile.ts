/**
 * npm run bench:hostile
 *
 * Runs `npm run check` (its script, as npm runs it) on every case of the hostile corpus
 * (test/fixtures/hostile/) and on the largest inputs of each budget, and reports wall
 * time and peak memory per case: every case must be refused in seconds with bounded
 * memory. Writes bench/HOSTILE.md. Not part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { hostileCases, layHostileCase } from '../test/helpers/hostile.ts';
import { measure } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const rows: { name: string; accepted: boolean; exit: number | null; wallS: number; peakMB: number }[] = [];
for (const c of hostileCases()) {
  const { root, cleanup } = layHostileCase(c);
  try {
    const m = await measure(process.execPath, [TSX, path.join(ROOT, 'scripts/check.ts'), '--format', 'text'], {
      cwd: ROOT, env: { DOSSIER_CONTENT_DIR: root }, log: path.join(ROOT, 'bench/out/hostile', `${c.name}.log`),
    });
    rows.push({ name: c.name, accepted: c.accepted, exit: m.exitCode, wallS: m.wallS, peakMB: m.peakMB });
    console.log(`${c.name}: exit ${m.exitCode}, ${m.wallS.toFixed(2)} s, ${m.peakMB.toFixed(0)} MB`);
  } finally {
    cleanup();
  }
}
const worst = (key: 'wallS' | 'peakMB') => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
const lines = [
  '# The hostile corpus, checked (`npm run bench:hostile`)',
  '',
  `${rows.length} cases, ${new Date().toISOString().slice(0, 10)}, node ${process.version}. Each row is one run of \`npm run check\` (its script, started as npm starts it) on the case laid over a small valid dossier. Exit 1: refused; 0: accepted.`,
  '',
  `Slowest: ${worst('wallS').name}, ${worst('wallS').wallS.toFixed(2)} s. Most memory: ${worst('peakMB').name}, ${worst('peakMB').peakMB.toFixed(0)} MB.`,
  '',
  '| case | exit | wall (s) | peak memory (MB) |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.exit} | ${r.wallS.toFixed(2)} | ${r.peakMB.toFixed(0)} |`),
  '',
];
writeFileSync(path.join(ROOT, 'bench/HOSTILE.md'), lines.join('\n'));
