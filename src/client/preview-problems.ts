/**
 * The preview's banner (npm run dev only; src/integrations/dossier.ts injects it): the
 * dossier's problems, the check's lines, at the top of every page, updated when a file
 * changes. Text only (textContent): a line may hold anything a contributor wrote.
 */
import type { PreviewProblems } from '../domain/preview.ts';

interface Hot { on(event: string, callback: (data: PreviewProblems) => void): void }

const ID = 'dossier-preview-problems';

function render(problems: PreviewProblems) {
  document.getElementById(ID)?.remove();
  if (!problems.lines.length) return;
  const box = document.createElement('aside');
  box.id = ID;
  box.setAttribute('role', problems.errors ? 'alert' : 'status');
  box.setAttribute('aria-label', 'Problems in the dossier');
  box.style.cssText = 'position:sticky;top:0;z-index:2147483647;max-height:40vh;overflow:auto;margin:0;padding:.5rem 1rem;'
    + `font:14px/1.45 system-ui,sans-serif;color:#1a1a1a;background:${problems.errors ? '#fdf0ef' : '#fdf8e6'};border-bottom:3px solid ${problems.errors ? '#b3261e' : '#8a6d00'}`;
  const details = document.createElement('details');
  details.open = problems.errors > 0;
  const summary = document.createElement('summary');
  summary.style.cssText = 'cursor:pointer;font-weight:600';
  summary.textContent = `Preview: ${problems.errors} error(s), ${problems.warnings} warning(s) in the dossier. npm run build refuses a dossier with errors.`;
  const list = document.createElement('ul');
  list.style.cssText = 'margin:.25rem 0;padding:0;list-style:none';
  for (const line of problems.lines) {
    const item = document.createElement('li');
    item.className = line.severity;
    const code = document.createElement('code');
    code.style.cssText = 'font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere';
    code.textContent = line.text;
    if (line.url && line.url !== location.pathname) {
      const link = document.createElement('a');
      link.href = line.url;
      link.style.color = '#0b3d91'; // the banner is light in either theme: not the page's link colour
      link.append(code);
      item.append(link);
    } else item.append(code);
    list.append(item);
  }
  details.append(summary, list);
  box.append(details);
  document.body.prepend(box);
}

export function showPreviewProblems(url: string, event: string, hot: Hot | undefined) {
  const load = () => fetch(url, { cache: 'no-store' }).then((r) => r.json() as Promise<PreviewProblems>).then(render, () => undefined);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load, { once: true });
  else void load();
  hot?.on(event, render);
}
