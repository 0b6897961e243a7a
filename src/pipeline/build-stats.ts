/**
 * Build measurements for `npm run bench` and the scale test: when a build runs
 * with DOSSIER_BUILD_STATS=<file>, the phases' wall and CPU times and a few
 * counters are written to that file as JSON when the process exits. Astro loads the
 * integration and the bundled pages as separate module copies in one process, so
 * the record lives on globalThis. Costs nothing measurable when unset.
 */
import { writeFileSync } from 'node:fs';
import { processValue } from './process-value.ts';

export interface BuildStats {
  /** Phase marks: ms since process start, wall and CPU (user + system). */
  marks: Record<string, { wallMs: number; cpuMs: number }>;
  /** Counters, e.g. getCollection calls (must not grow with the number of pages). */
  counters: Record<string, number>;
}

const stats = processValue<BuildStats>('dossier.buildStats');

export function buildStats(): BuildStats {
  return stats.once(() => ({ marks: {}, counters: {} }));
}

/** Records the time at which a phase boundary was reached. */
export function mark(name: string): void {
  const cpu = process.cpuUsage();
  buildStats().marks[name] = { wallMs: Math.round(performance.now()), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

export function count(name: string, by = 1): void {
  const { counters } = buildStats();
  counters[name] = (counters[name] ?? 0) + by;
}

const hooked = processValue<boolean>('dossier.buildStats.hooked');

/** Writes the stats to DOSSIER_BUILD_STATS (if set) when the process exits. */
export function writeStatsOnExit(env: Record<string, string | undefined> = process.env): void {
  const file = env.DOSSIER_BUILD_STATS;
  if (!file || hooked.get()) return;
  hooked.set(true);
  process.on('exit', () => {
    mark('exit');
    writeFileSync(file, JSON.stringify(buildStats(), null, 2));
  });
}
