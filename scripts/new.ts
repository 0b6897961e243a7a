/**
 * npm run new -- <collection> "Display Name" [--id file-name]
 * Creates <content root>/<collection>/<id>.md from a template (src/pipeline/templates.ts)
 * and prints its path. Never overwrites: exit 1 if the entry exists; exit 2 on bad usage.
 */
import { contentRoot } from '../src/pipeline/load.ts';
import { newEntry } from '../src/pipeline/new-entry.ts';
import { isoToday } from '../src/pipeline/templates.ts';

const result = newEntry(process.argv.slice(2), contentRoot(), isoToday());
for (const line of result.stdout) console.log(line);
for (const line of result.stderr) console.error(line);
process.exit(result.code);
