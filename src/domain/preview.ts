/**
 * What the preview (npm run dev) shows of the dossier's problems: the same lines as
 * `npm run check` (formatProblem), on the page of the entry that has them and in a
 * banner on every page. Pure: the dev server (src/integrations/dossier-preview.ts) and
 * the banner (src/client/preview-problems.ts) only carry it.
 */
import { COLLECTIONS, type CollectionName } from '../schemas/index.ts';
import { formatProblem, inertText, problemCount, type Problem } from './problems.ts';
import { esc } from './svg.ts';
import { entryUrl } from './urls.ts';

/** Where the banner asks for the problems, and the dev server answers (never built). */
export const PREVIEW_PROBLEMS_URL = '/__dossier/problems.json';
/** The event the dev server sends to open pages when the problems change. */
export const PREVIEW_PROBLEMS_EVENT = 'dossier:problems';

export interface PreviewLine {
  /** The check's line, e.g. `content/actors/x.md:3:1  kind: "stat" is not allowed here…` (inert text). */
  text: string;
  severity: Problem['severity'];
  /** The file, relative to the content root, as in Problem. */
  file: string;
  /** The page of the entry the problem is in, when it is in an entry file. */
  url?: string;
}

export interface PreviewProblems {
  /** Changes with every reading of the dossier: an error page reloads when it does. */
  version: number;
  errors: number;
  warnings: number;
  lines: PreviewLine[];
}

/** The entry page of a content file (`actors/x.md` → /actors/x/), if it is an entry file. */
export function entryPageOf(file: string): string | undefined {
  const m = /^([a-z]+)\/([^/]+)\.mdx?$/.exec(file);
  if (!m || !(COLLECTIONS as string[]).includes(m[1])) return undefined;
  return entryUrl(m[1] as CollectionName, m[2]);
}

export function previewProblems(problems: readonly Problem[], prefix: string, version: number): PreviewProblems {
  return {
    version,
    errors: problemCount(problems.filter((p) => p.severity === 'error')),
    warnings: problemCount(problems.filter((p) => p.severity === 'warning')),
    lines: problems.map((p) => ({ text: formatProblem(p, prefix), severity: p.severity, file: p.file, url: entryPageOf(p.file) })),
  };
}

/** One sentence for the banner and the terminal: what is wrong and what the build will do. */
export function problemsSummary(errors: number, warnings: number): string {
  if (!errors && !warnings) return 'The dossier has no problems now.';
  const parts = [errors && `${errors} error(s)`, warnings && `${warnings} warning(s)`].filter(Boolean).join(' and ');
  return errors
    ? `The dossier has ${parts}: npm run build refuses it until the errors are fixed.`
    : `The dossier has ${parts}.`;
}

/**
 * The page the preview serves at the address of an entry that cannot be shown (its file
 * has errors): that file's problems first, then the others. Every text is escaped; the
 * page checks the problems every second and reloads when they change (no script of the
 * site runs on it, so it needs no build).
 */
export function previewErrorPage(file: string, problems: PreviewProblems): string {
  const own = problems.lines.filter((l) => l.file === file);
  const others = problems.lines.filter((l) => !own.includes(l));
  const list = (lines: PreviewLine[]) => `<ul>${lines.map((l) => `<li class="${l.severity}"><code>${esc(l.text)}</code></li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Problems in ${inertText(file)} · preview`)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.4rem; color: #8a1010; } h2 { font-size: 1.1rem; }
ul { padding: 0; list-style: none; } li { margin: 0 0 .5rem; padding: .5rem .75rem; border-left: 4px solid #b3261e; background: #fdf0ef; overflow-wrap: anywhere; }
li.warning { border-color: #8a6d00; background: #fdf8e6; } code { font: .9rem/1.4 ui-monospace, monospace; white-space: pre-wrap; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #151515; } h1 { color: #ff8a80; } li { background: #3a1512; } li.warning { background: #352d0c; } }
</style>
</head>
<body>
<main>
<h1>This entry cannot be shown: ${esc(inertText(file))} has ${own.filter((l) => l.severity === 'error').length} error(s)</h1>
<p>Fix the lines below and save; this page reloads by itself. <code>npm run check</code> lists the same lines.</p>
${list(own)}
${others.length ? `<h2>${esc(problemsSummary(problems.errors, problems.warnings))} Other files:</h2>\n${list(others)}` : ''}
</main>
<script type="module">
const seen = ${JSON.stringify(problems.version)};
setInterval(async () => {
  try {
    const now = await (await fetch(${JSON.stringify(PREVIEW_PROBLEMS_URL)}, { cache: 'no-store' })).json();
    if (now.version !== seen) location.reload();
  } catch {}
}, 1000);
</script>
</body>
</html>
`;
}
