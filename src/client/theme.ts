/**
 * The theme toggle: light or dark, overriding the system preference, remembered in
 * localStorage. The button is hidden until this script runs (without JS the system
 * preference applies). The choice is applied before paint by a tiny static inline
 * script in Base.astro, which reads the same key.
 */
const KEY = 'dossier-theme';
const root = document.documentElement;
const dark = window.matchMedia('(prefers-color-scheme: dark)');

function current(): 'light' | 'dark' {
  const chosen = root.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return dark.matches ? 'dark' : 'light';
}

function sync(button: HTMLButtonElement) {
  button.setAttribute('aria-pressed', String(current() === 'dark'));
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
  button.hidden = false;
  sync(button);
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try { localStorage.setItem(KEY, next); } catch { /* storage may be off: the choice lasts this page */ }
    sync(button);
  });
  dark.addEventListener('change', () => sync(button));
}
