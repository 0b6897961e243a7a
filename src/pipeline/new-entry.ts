/**
 * What `npm run new` does, as a function: parse the arguments, refuse to overwrite,
 * write the template. scripts/new.ts prints the result and exits with its code.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../schemas/index.ts';
import { CONTENT_EXTENSIONS } from './load.ts';
import { entryTemplate, parseNewArgs } from './templates.ts';

export interface NewEntryResult {
  /** 0 written, 1 the entry exists, 2 bad usage. */
  code: 0 | 1 | 2;
  stdout: string[];
  stderr: string[];
  /** The file written (absolute). */
  file?: string;
}

/** `today` is YYYY-MM-DD; paths are printed relative to `cwd` when inside it. */
export function newEntry(argv: string[], root: string, today: string, cwd = process.cwd()): NewEntryResult {
  const shown = (file: string) => {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };
  const args = parseNewArgs(argv);
  if (!args.ok) return { code: 2, stdout: [], stderr: [args.message] };
  const { collection, name, id } = args.value;
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return { code: 2, stdout: [], stderr: [`the content folder ${shown(root)} does not exist (DOSSIER_CONTENT_DIR names another dossier folder; leave it unset for content/)`] };
  }
  const existing = CONTENT_EXTENSIONS.map((ext) => path.join(root, collection, id + ext)).find((f) => existsSync(f));
  if (existing) {
    return { code: 1, stdout: [], stderr: [`${shown(existing)} already exists: nothing was written. Edit that file, or choose another name (or --id) for a different entry.`] };
  }
  const file = path.join(root, collection, `${id}.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  // 'wx' refuses to replace a file that appeared since the check above.
  writeFileSync(file, entryTemplate(collection, name, today), { flag: 'wx' });
  const stdout = [shown(file)];
  // The same id in another collection is allowed, but wikilinks to it must then name the collection.
  const twins = COLLECTIONS.filter((c) => c !== collection)
    .flatMap((c) => CONTENT_EXTENSIONS.map((ext) => `${c}/${id}${ext}`))
    .filter((rel) => existsSync(path.join(root, rel)));
  if (twins.length) stdout.push(`note: ${twins.join(', ')} has the same id "${id}": links to either must name the collection, e.g. [[${collection}/${id}]]`);
  stdout.push('Next: fill in the empty fields, then run npm run check (it lists what is still missing).');
  return { code: 0, stdout, stderr: [], file };
}
