/**
 * The preview (npm run dev) and the dossier's problems. One watcher reads the dossier
 * once per change (the five collections' loaders share it), updates every collection's
 * store, prints the problems in the terminal once, and tells the dev server, which shows
 * them where the contributor is looking: an entry whose file has errors gets an error
 * page at its own address (file:line, field, reason: the check's lines), and every page
 * a banner (src/client/preview-problems.ts). A build never comes here: it refuses.
 *
 * The loaders run in Astro's content layer and the middleware in the integration: two
 * module graphs in one process, so the state lives on globalThis.
 */
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroIntegrationLogger } from 'astro';
import { entryPageOf, PREVIEW_PROBLEMS_URL, previewErrorPage, previewProblems, problemsSummary, type PreviewProblems } from '../domain/preview.ts';
import { sortProblems, uniqueProblems, type Problem } from '../domain/problems.ts';
import { checkDossier, type CheckResult } from '../pipeline/check.ts';
import { processValue } from '../pipeline/process-value.ts';
import type { CollectionName } from '../schemas/index.ts';

/** What one collection's loader did with a reading: the entries it could not render, the files it stored. */
export interface CollectionUpdate { refused: Problem[]; stored: string[] }
type Update = (result: CheckResult) => CollectionUpdate;
interface Watcher { add(path: string): unknown; on(event: 'all', listener: (event: string, file: string) => void): unknown }

interface Preview {
  root: string;
  prefix: string;
  result?: CheckResult;
  version: number;
  problems: PreviewProblems;
  /** Entry page → file, for entries left out of the store because their file has errors. */
  leftOut: Map<string, string>;
  updates: Map<CollectionName, Update>;
  done: Map<CollectionName, CollectionUpdate>;
  watcher?: Watcher;
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  again: boolean;
  printed: number;
  logger?: AstroIntegrationLogger;
}

const current = processValue<Preview>('dossier.preview');
const listening = processValue<(problems: PreviewProblems) => void>('dossier.preview.listener');

function preview(root: string): Preview {
  if (current.get()?.root !== root) {
    const prefix = `${path.relative(process.cwd(), root) || '.'}/`;
    current.set({
      root, prefix, version: 0, problems: previewProblems([], prefix, 0), leftOut: new Map(), updates: new Map(), done: new Map(),
      running: false, again: false, printed: 0,
    });
  }
  return current.get()!;
}

/** How long the content folder must stay still before it is read again: a burst of events (an editor's save) is one change. */
const SETTLE_MS = 120;

/**
 * A collection's loader in the preview: stores the collection from `result` (the
 * integration's first reading) now, and again after every change in the content folder.
 */
export function watchInPreview(root: string, collection: CollectionName, result: CheckResult, update: Update, watcher: Watcher, logger: AstroIntegrationLogger): void {
  const p = preview(root);
  p.result ??= result;
  p.logger = logger;
  p.updates.set(collection, update);
  p.done.set(collection, update(p.result));
  publish(p, false);
  if (p.watcher !== watcher) {
    p.watcher = watcher;
    watcher.add(root);
    watcher.on('all', (_event, file) => {
      if (!path.resolve(file).startsWith(root + path.sep)) return;
      clearTimeout(p.timer);
      p.timer = setTimeout(() => void reread(p), SETTLE_MS);
    });
  }
}

/** Reads the dossier again and updates every collection; changes during a reading are read after it. */
async function reread(p: Preview): Promise<void> {
  if (p.running) {
    p.again = true;
    return;
  }
  p.running = true;
  try {
    do {
      p.again = false;
      try {
        p.result = await checkDossier(p.root);
        for (const [collection, update] of p.updates) p.done.set(collection, update(p.result));
        publish(p, true);
      } catch (error) {
        // Not a problem of the content (those are reported as problems): say it once, plainly.
        p.logger?.error(`The preview could not read the dossier again: ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (p.again);
  } finally {
    p.running = false;
  }
}

/** Recomputes what the preview shows; prints it once per change (`print`), and tells open pages. */
function publish(p: Preview, print: boolean): void {
  if (!p.result) return;
  const done = [...p.done.values()];
  // The renderer's refusals repeat the check's lines (it judges the same bodies): each once.
  const problems = sortProblems(uniqueProblems([...p.result.problems, ...done.flatMap((d) => d.refused)]));
  const stored = new Set(done.flatMap((d) => d.stored));
  p.leftOut = new Map();
  for (const problem of problems) {
    const page = entryPageOf(problem.file);
    if (page && problem.severity === 'error' && !stored.has(problem.file)) p.leftOut.set(page, problem.file);
  }
  p.problems = previewProblems(problems, p.prefix, ++p.version);
  if (print && (problems.length || p.printed)) {
    const summary = problemsSummary(p.problems.errors, p.problems.warnings);
    const lines = p.problems.lines.map((l) => l.text).join('\n');
    if (p.problems.errors) p.logger?.warn(`${summary} The preview shows them on its pages:\n${lines}`);
    else p.logger?.info(lines ? `${summary}\n${lines}` : summary);
  }
  if (print) p.printed = problems.length;
  listening.get()?.(p.problems);
}

/** Called with the problems after every reading: the dev server (one per process; a restart replaces it) forwards them to open pages. */
export function onPreviewProblems(listener: (problems: PreviewProblems) => void): void {
  listening.set(listener);
}

/**
 * The dev server's middleware: the problems as JSON for the banner, and the error page at
 * the address of an entry whose file has errors (500, instead of the router's 404).
 */
export function previewMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const p = current.get();
    if (!p || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://preview').pathname);
    } catch {
      return next();
    }
    if (pathname === PREVIEW_PROBLEMS_URL) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(p.problems));
      return;
    }
    const file = p.leftOut.get(pathname.endsWith('/') ? pathname : `${pathname}/`);
    if (!file) return next();
    res.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(previewErrorPage(file, p.problems));
  };
}
