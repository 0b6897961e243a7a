import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { settle } from '../../bench/measure.ts';

describe('settle', () => {
  // A stand-in for the background removal: a process with a marker in its command line.
  const marker = `settle-test-${process.pid}-${Date.now()}`;

  it('waits for the process to end, then reports settled', async () => {
    const t = performance.now();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 500)', marker], { stdio: 'ignore' });
    const ended = once(child, 'exit');
    await once(child, 'spawn');
    expect(await settle({ script: marker, limitS: 30 })).toBe(true);
    // Settled no sooner than the process's own half second.
    expect(performance.now() - t).toBeGreaterThanOrEqual(500);
    await ended;
  });

  it('gives up at its limit on a process that does not end, and says so', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', marker], { stdio: 'ignore' });
    try {
      await once(child, 'spawn');
      expect(await settle({ script: marker, limitS: 0.5 })).toBe(false);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});
