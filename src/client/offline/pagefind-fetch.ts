/**
 * Pagefind's fetch() in the offline edition (esbuild injects this in place of the
 * global fetch, in Pagefind's bundle only). Each index file was written as a classic
 * script that registers its bytes (src/domain/offline.ts wrapIndexFile); a request
 * adds that script to the page, waits for it, and answers with the bytes, so chunks
 * still load lazily, one small file per request, and nothing calls the real fetch,
 * which file:// refuses.
 */
import { PAGEFIND_FILES_GLOBAL } from '../../domain/offline.ts';

type Registry = Record<string, string>;
const registry = (): Registry => ((self as any)[PAGEFIND_FILES_GLOBAL] ??= {});

// The folder this bundle was loaded from; the index files sit beside it. Read now:
// document.currentScript is only set while the script first runs.
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
const base = new URL('./', scriptSrc);
const loading = new Map<string, Promise<void>>();

function load(path: string): Promise<void> {
  if (path in registry()) return Promise.resolve();
  let p = loading.get(path);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(`${path}.js`, base).href;
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`the search index file ${path} is missing from the offline edition`));
      document.head.append(s);
    });
    loading.set(path, p);
  }
  return p;
}

/** Pagefind asks for /pagefind/<file>?ts=…; the registry knows <file>. */
export async function fetch(input: RequestInfo | URL): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const path = url.replace(/[?#].*$/, '').replace(/^.*?\/pagefind\//, '');
  await load(path);
  const b64 = registry()[path];
  if (b64 === undefined) return new Response(null, { status: 404, statusText: 'Not in the offline edition' });
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Response(bytes, { status: 200 });
}
