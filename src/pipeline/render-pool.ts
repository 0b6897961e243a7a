/**
 * Renders a build's entry bodies in worker processes as well as the build's own thread:
 * at 10,000 entries rendering is 15 of the content sync's 17 seconds, on one core of two.
 * Processes, not threads: a thread's memory stayed in the build's process after it ended
 * (500 MB at 10,000 entries, beside the search index's process); a process's goes with it.
 *
 * Each worker reads the dossier itself (render-child.mjs; in a first build, while the main
 * thread checks it), and renders an entry only if its reading has the same body and its renderer the
 * same digest (code, ids and labels, images) as the main thread's; anything else, and a
 * worker that fails, is rendered in the main thread. So every render is the one the main
 * thread would have made: the same function on the same input, and the build's output is
 * the same bytes with any number of workers.
 */
import { readdirSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Entry } from './load.ts';
import { poolSize } from './page-pool.ts';
import type { DossierRenderer } from './renderer.ts';

type Rendered = ReturnType<DossierRenderer['render']>;

export interface RenderPool {
  /** The entries rendered, in their order: the first share by the workers, the rest here meanwhile. */
  renderAll(entries: readonly Entry[], renderer: DossierRenderer): Promise<Rendered[]>;
  close(): Promise<void>;
  /** Bodies rendered so far in the workers. */
  readonly renderedThere: number;
}

/**
 * Workers besides the main thread for `bodies` bodies to render: DOSSIER_WORKERS when set,
 * else one per core but the main thread's, once there are enough (page-pool.ts, poolSize).
 */
export function renderWorkers(bodies: number, env: Record<string, string | undefined> = process.env): number {
  return env.DOSSIER_WORKERS?.trim() ? poolSize(bodies, env) : Math.max(0, poolSize(bodies, env) - 1);
}

/** The entry files of a content folder, counted without reading them. */
export function countEntryFiles(root: string): number {
  try {
    return (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.mdx?$/.test(f)).length;
  } catch {
    return 0;
  }
}

export function startRenderPool(root: string, size: number): RenderPool {
  const workers = Array.from({ length: size }, () => new RenderWorker(root));
  let renderedThere = 0;
  return {
    get renderedThere() {
      return renderedThere;
    },
    async renderAll(entries, renderer) {
      const share = Math.floor((entries.length * size) / (size + 1));
      const chunks = Array.from({ length: size }, (_, i) => entries.slice(Math.floor((share * i) / size), Math.floor((share * (i + 1)) / size)));
      const sent = await Promise.all(chunks.map((chunk, i) => workers[i].send(renderer.digest, chunk)));
      const pending = sent.map((s, i) => s.rendered.catch(() => chunks[i].map(() => null)));
      const here = entries.slice(share).map((e) => renderer.render(e));
      const there = (await Promise.all(pending)).flat();
      renderedThere += there.filter((r) => r !== null).length;
      return [...there.map((r, i) => r ?? renderer.render(entries[i])), ...here];
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

class RenderWorker {
  private child: ChildProcess;
  private nextId = 0;
  private calls = new Map<number, { resolve: (v: (Rendered | null)[]) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(root: string) {
    this.child = fork(fileURLToPath(new URL('./render-child.mjs', import.meta.url)), [], {
      env: { ...process.env, DOSSIER_RENDER_ROOT: root },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    // Never what keeps a build's process alive.
    this.child.unref();
    this.child.channel?.unref();
    this.child.on('message', (msg: { id: number; results?: (Rendered | null)[]; error?: string }) => {
      const call = this.calls.get(msg.id);
      if (!call) return;
      this.calls.delete(msg.id);
      if (msg.results) call.resolve(msg.results);
      else call.reject(new Error(msg.error));
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      for (const call of this.calls.values()) call.reject(err);
      this.calls.clear();
    };
    this.child.on('error', fail);
    this.child.on('exit', (code) => fail(new Error(`the render process stopped (exit code ${code})`)));
  }

  /**
   * Sends the entries; resolves once they are handed over (this thread then renders its
   * own share without a break, and a message still in this process would wait for it)
   * with the promise of their renders.
   */
  async send(digest: string, entries: readonly Entry[]): Promise<{ rendered: Promise<(Rendered | null)[]> }> {
    if (!entries.length) return { rendered: Promise.resolve([]) };
    if (this.failed) return { rendered: Promise.reject(this.failed) };
    const id = this.nextId++;
    const rendered = new Promise<(Rendered | null)[]>((resolve, reject) => this.calls.set(id, { resolve, reject }));
    // While a call is open the channel keeps the process alive, to hear the answer.
    this.child.channel?.ref();
    const done = () => { if (!this.calls.size) this.child.channel?.unref(); };
    rendered.then(done, done);
    await new Promise<void>((resolve) => {
      this.child.send({ id, digest, items: entries.map((e) => ({ key: `${e.collection}/${e.id}`, body: e.body })) }, () => resolve());
    });
    return { rendered };
  }

  async close() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill();
    await exited;
  }
}
