/**
 * Measuring one command: wall time, CPU time and peak memory of its whole process
 * tree. CPU and the largest single process come from GNU time when installed
 * (/usr/bin/time); the tree's summed resident memory is sampled from /proc every
 * 100 ms (Pagefind and other helpers run beside Node, so their memory adds up).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKGROUND_REMOVAL } from '../src/pipeline/publish.ts';

export interface Measurement {
  ok: boolean;
  exitCode: number | null;
  wallS: number;
  /** User + system CPU seconds of the tree (GNU time), when available. */
  cpuS?: number;
  /** Peak memory in MB: the larger of the sampled tree sum and the largest process's own peak. */
  peakMB: number;
  /** The log file with the command's output. */
  log: string;
}

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

/** Seconds settle waits for a background removal (a 10k output took a few seconds). */
export const SETTLE_LIMIT_S = 300;

/**
 * Before a measured build: the last build's work done, so that the next one does not pay
 * for it. A build that replaced an output removes the old one in a background process after
 * it exits (src/pipeline/publish.ts: seen at 41% of a core after a one-change build at 10k),
 * and a 10k build leaves about 1.3 GB for the disk to write; both would otherwise fall on the
 * build measured next. True once settled; false if a removal still runs after the limit.
 */
export async function settle(options: { script?: string; limitS?: number } = {}): Promise<boolean> {
  const { script = BACKGROUND_REMOVAL, limitS = SETTLE_LIMIT_S } = options;
  const until = performance.now() + limitS * 1000;
  while (processesRunning(script) > 0) {
    // One that never ends must not hang the bench: measure anyway, and say so.
    if (performance.now() >= until) return false;
    await sleep(100);
  }
  execFileSync('sync');
  return true;
}

/** How many processes have `script` in their command line. */
function processesRunning(script: string): number {
  let n = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(script)) n++;
    } catch { /* the process ended meanwhile */ }
  }
  return n;
}

export async function measure(command: string, args: string[], options: { cwd: string; env: Record<string, string>; log: string }): Promise<Measurement> {
  mkdirSync(path.dirname(options.log), { recursive: true });
  const timeFile = `${options.log}.time`;
  rmSync(timeFile, { force: true });
  const [cmd, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => output.push(b));
  child.stderr.on('data', (b: Buffer) => output.push(b));
  let peakTreeKB = 0;
  let peakSingleKB = 0;
  const sample = () => {
    const { treeKB, singleKB } = sampleTree(child.pid!);
    peakTreeKB = Math.max(peakTreeKB, treeKB);
    peakSingleKB = Math.max(peakSingleKB, singleKB);
  };
  const timer = setInterval(sample, 100);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const wallS = (performance.now() - started) / 1000;
  writeFileSync(options.log, Buffer.concat(output));
  let cpuS: number | undefined;
  if (hasGnuTime && existsSync(timeFile)) {
    const line = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!;
    const [, user, sys, maxKB] = line.split(' ').map(Number);
    if (Number.isFinite(user)) cpuS = user + sys;
    if (Number.isFinite(maxKB)) peakSingleKB = Math.max(peakSingleKB, maxKB);
  }
  return { ok: exitCode === 0, exitCode, wallS, cpuS, peakMB: Math.max(peakTreeKB, peakSingleKB) / 1024, log: options.log };
}

/** Summed resident memory of a process and its descendants, and the largest one's peak (VmHWM). */
function sampleTree(rootPid: number): { treeKB: number; singleKB: number } {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch { /* the process ended meanwhile */ }
  }
  let treeKB = 0;
  let singleKB = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    queue.push(...(children.get(pid) ?? []));
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      treeKB += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      singleKB = Math.max(singleKB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch { /* ended */ }
  }
  return { treeKB, singleKB };
}
