/**
 * Atomic publishing: a build writes into a staging folder beside the output folder and
 * replaces the output only once every step has succeeded (src/integrations/publish.ts).
 * A failed or killed build leaves the previous output exactly as it was.
 *
 * Folder names, for an output folder `dist`, all in dist's parent folder (the same
 * file system, so each rename is atomic):
 *   .dist.staging-<pid>   the build in progress of process <pid>
 *   .dist.previous-<pid>  the replaced output, for the moment of the swap
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface PublishPaths {
  /** The output folder the site is published in (dist/ or DOSSIER_OUT_DIR). */
  out: string;
  /** Where this process builds. */
  staging: string;
  /** Where the replaced output waits while the staging folder takes its place. */
  previous: string;
}

export function publishPaths(outDir: string, pid: number = process.pid): PublishPaths {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const name = path.basename(out);
  return { out, staging: path.join(parent, `.${name}.staging-${pid}`), previous: path.join(parent, `.${name}.previous-${pid}`) };
}

export interface Leftover {
  name: string;
  kind: 'staging' | 'previous';
  pid: number;
}

/** Reads a folder name of ours for this output folder ("dist"); anything else is undefined. */
export function parseLeftover(name: string, outName: string): Leftover | undefined {
  if (!name.startsWith(`.${outName}.`)) return undefined;
  const m = /^(staging|previous)-([1-9]\d{0,9})$/.exec(name.slice(outName.length + 2));
  return m ? { name, kind: m[1] as Leftover['kind'], pid: Number(m[2]) } : undefined;
}

/** Whether a process is running (EPERM: it is, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what killed builds left beside the output folder: their staging folders, and
 * a replaced output still waiting after a swap was cut short. A folder of a running
 * build (another pid) is left alone; one with this process's own pid is stale (pids are
 * reused, in containers often the same one every time). If a kill came between the two
 * renames of a swap, the output folder is missing and the previous one is put back.
 * Returns the names removed or restored, for the log.
 */
export function removeLeftovers(paths: PublishPaths, alive: (pid: number) => boolean = processAlive, self: number = process.pid): string[] {
  const parent = path.dirname(paths.out);
  if (!existsSync(parent)) return [];
  const outName = path.basename(paths.out);
  const stale = readdirSync(parent)
    .map((name) => parseLeftover(name, outName))
    .filter((l): l is Leftover => l !== undefined && (l.pid === self || !alive(l.pid)));
  const done: string[] = [];
  for (const l of stale) {
    const full = path.join(parent, l.name);
    if (l.kind === 'previous' && !existsSync(paths.out)) renameSync(full, paths.out);
    else rmSync(full, { recursive: true, force: true });
    done.push(l.name);
  }
  return done;
}

/**
 * Puts the staging folder in the output folder's place: the old output is renamed aside,
 * the staging folder renamed into place, then the old output removed. Between the two
 * renames (microseconds) there is no output folder; a kill there is undone by the next
 * build (removeLeftovers).
 */
export function swapIntoPlace(paths: PublishPaths, removeOld: (dir: string) => void = removeNow): void {
  const hadOutput = existsSync(paths.out);
  if (hadOutput) renameSync(paths.out, paths.previous);
  try {
    renameSync(paths.staging, paths.out);
  } catch (error) {
    if (hadOutput) renameSync(paths.previous, paths.out);
    throw error;
  }
  if (hadOutput) removeOld(paths.previous);
}

function removeNow(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** The script of that process (the bench waits for it before measuring the next build). */
export const BACKGROUND_REMOVAL = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })';

/**
 * Removes a replaced output in a process of its own, so the build ends as soon as the new
 * output is in place (deleting 20,000 files takes seconds). Its folder is one the next
 * build removes anyway (removeLeftovers) if this process is stopped before it is done.
 */
export function removeInBackground(dir: string): void {
  try {
    const child = spawn(process.execPath, ['-e', BACKGROUND_REMOVAL, dir], { detached: true, stdio: 'ignore' });
    child.on('error', () => removeNow(dir));
    child.unref();
  } catch {
    removeNow(dir);
  }
}

/** Removes this build's staging folder; true if there was one. */
export function discardStaging(paths: PublishPaths): boolean {
  if (!existsSync(paths.staging)) return false;
  rmSync(paths.staging, { recursive: true, force: true });
  return true;
}

/** The line a failed build prints (the previous output was not touched). */
export function failedBuildMessage(paths: PublishPaths): string {
  return `The build failed: ${paths.out} was left as it was (the new build was in ${paths.staging}, now removed).`;
}
