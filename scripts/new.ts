/**
 * npm run new -- <collection> "Display Name" [--id file-name]
 * Creates <content root>/<collection>/<id>.md from a template (src/pipeline/templates.ts)
 * and prints its path. Never overwrites: exit 1 if the entry exists; exit 2 on bad usage.
 */
import { inertText } from '../src/domain/problems.ts';
import { contentRoot } from '../src/pipeline/load.ts';
import { newEntry } from '../src/pipeline/new-entry.ts';
import { isoToday } from '../src/pipeline/templates.ts';

const result = newEntry(process.argv.slice(2), contentRoot(), isoToday());
// Messages quote arguments and file names: inert, like the check's lines (the values
// quoted are escaped where they are quoted; a usage text keeps its own line breaks).
const inert = (message: string) => message.split('\n').map(inertText).join('\n');
for (const line of result.stdout) console.log(inert(line));
for (const line of result.stderr) console.error(inert(line));
process.exit(result.code);
