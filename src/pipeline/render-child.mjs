// A process of the build's body renderer (render-pool.ts). Plain JavaScript, so Node can
// start it; it loads the TypeScript through tsx's loader. It reads the dossier itself,
// with the reading `npm run check` starts with (loadDossier; the checking is the build's
// own), and renders an entry only when that reading and its renderer are the main
// thread's: the same body, the same digest.
import { register } from 'tsx/esm/api';

register();
const { loadDossier } = await import('./load.ts');
const { EntryIndex } = await import('../domain/references.ts');
const { dossierRenderer } = await import('./renderer.ts');
const loaded = await loadDossier(process.env.DOSSIER_RENDER_ROOT);
// The index the check builds from the same entries (check.ts): ids and labels for links.
const renderer = dossierRenderer({ ...loaded, index: new EntryIndex(loaded.entries) });
const byKey = new Map(loaded.entries.map((e) => [`${e.collection}/${e.id}`, e]));

process.on('message', ({ id, digest, items }) => {
  try {
    // null: not rendered here (the main thread renders it).
    const results = items.map(({ key, body }) => {
      const entry = byKey.get(key);
      return digest === renderer.digest && entry?.body === body ? renderer.render(entry) : null;
    });
    process.send({ id, results });
  } catch (err) {
    process.send({ id, error: err?.message ?? String(err) });
  }
});
// The build is gone (it ended, or failed): so is this process.
process.on('disconnect', () => process.exit(0));
