/**
 * import.meta.url for a module re-bundled as a classic script (the offline edition
 * injects this and defines import.meta.url as it): the script's own URL, read while
 * the script first runs, the only moment document.currentScript is set.
 */
export const dossierScriptUrl: string = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
