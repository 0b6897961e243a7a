/**
 * The theme switch: follow the system setting, light or dark, remembered in
 * localStorage ('light' or 'dark'; nothing stored means "system"). Its three radio
 * buttons carry the state (checked) and the names (System, Light, Dark). The switch is
 * shown only where scripts run: the static inline script in Base.astro's head marks the
 * page (class "js") before first paint, so it takes its place at once (no layout shift),
 * and applies a saved choice, reading the same key.
 */
const KEY = 'dossier-theme';
type Choice = 'system' | 'light' | 'dark';
const root = document.documentElement;

function chosen(): Choice {
  const t = root.dataset.theme;
  return t === 'light' || t === 'dark' ? t : 'system';
}

function apply(choice: Choice) {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch { /* storage may be off: the choice lasts this page */ }
}

const radios = [...document.querySelectorAll<HTMLInputElement>('[data-theme-switch] input[name="theme"]')];
function sync() {
  for (const r of radios) r.checked = r.value === chosen();
}
sync();
for (const r of radios) r.addEventListener('change', () => { if (r.checked) { apply(r.value as Choice); sync(); } });
// Another tab changed the choice: follow it.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY && e.key !== null) return;
  const t = e.newValue;
  if (t === 'light' || t === 'dark') root.dataset.theme = t; else delete root.dataset.theme;
  sync();
});
