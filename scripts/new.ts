/**
 * npm run new -- <collection> "Display Name" [--id file-name]
 * Creates <content root>/<collection>/<id>.md from a template (src/pipeline/templates.ts)
 * and prints its path. Never overwrites: exit 1 if the entry exists; exit 2 on bad usage.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../src/schemas/index.ts';
import { CONTENT_EXTENSIONS, contentRoot } from '../src/pipeline/load.ts';
import { entryTemplate, isoToday, parseNewArgs } from '../src/pipeline/templates.ts';

const args = parseNewArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(args.message);
  process.exit(2);
}
const { collection, name, id } = args.value;
const root = contentRoot();
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};
if (!existsSync(root) || !statSync(root).isDirectory()) {
  console.error(`the content folder ${shown(root)} does not exist (DOSSIER_CONTENT_DIR names another dossier folder; leave it unset for content/)`);
  process.exit(2);
}

const existing = CONTENT_EXTENSIONS.map((ext) => path.join(root, collection, id + ext)).find((f) => existsSync(f));
if (existing) {
  console.error(`${shown(existing)} already exists: nothing was written. Edit that file, or choose another name (or --id) for a different entry.`);
  process.exit(1);
}

const file = path.join(root, collection, `${id}.md`);
mkdirSync(path.dirname(file), { recursive: true });
// 'wx' refuses to replace a file that appeared since the check above.
writeFileSync(file, entryTemplate(collection, name, isoToday()), { flag: 'wx' });
console.log(shown(file));

// The same id in another collection is allowed, but wikilinks to it must then name the collection.
const twins = COLLECTIONS.filter((c) => c !== collection)
  .flatMap((c) => CONTENT_EXTENSIONS.map((ext) => `${c}/${id}${ext}`))
  .filter((rel) => existsSync(path.join(root, rel)));
if (twins.length) {
  console.log(`note: ${twins.join(', ')} has the same id "${id}": links to either must name the collection, e.g. [[${collection}/${id}]]`);
}
console.log(`Next: fill in the empty fields, then run npm run check (it lists what is still missing).`);
