import { checkDossier } from './src/pipeline/check.ts';
const root = process.argv[2];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await checkDossier(root);
  console.log('check', Math.round(performance.now() - t), 'ms', r.entries.length, r.errors.length);
}
