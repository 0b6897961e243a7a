/** Runs one of the repository's scripts (scripts/*.ts) as a contributor would, without blocking the test worker. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node tsx scripts/<name>.ts ...args` in the repository root, with extra environment (undefined removes a variable). */
export function runScript(name: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ScriptResult> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), `scripts/${name}.ts`, ...args], { cwd: ROOT, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
