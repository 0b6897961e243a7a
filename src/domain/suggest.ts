/** "Did you mean …?": the closest candidate by edit distance, if close enough. */

/** Edits between two words, a swap of two neighbouring letters counting as one ("alt" → "lat"). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before = new Array(b.length + 1).fill(0);
  let prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array(b.length + 1).fill(0);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length];
}

/**
 * Returns the best suggestion for `wanted` among candidates. Each candidate has the
 * text to compare (an id, or a slugified name/alias) and the value to suggest.
 */
export function closest(wanted: string, candidates: Iterable<{ key: string; value: string }>): string | undefined {
  const w = wanted.toLowerCase();
  let best: { value: string; score: number } | undefined;
  // A short word is close only to a near twin ("note" is not "name"): one edit at most.
  const limit = w.length <= 4 ? 1 : Math.max(2, Math.floor(w.length / 3));
  for (const c of candidates) {
    const key = c.key.toLowerCase();
    const prefix = key.startsWith(w) || w.startsWith(key);
    // Edit distance is at least the length difference: such a key can never be
    // suggested, so large dossiers skip computing it (same answer, far fewer steps).
    if (!prefix && Math.abs(key.length - w.length) > limit) continue;
    let score = editDistance(w, key);
    // A prefix or contained word ("hashd" in "hashd-al-shaabi") is a strong hint.
    if (prefix) score = Math.min(score, 1 + Math.abs(key.length - w.length) / 10);
    if (!best || score < best.score) best = { value: c.value, score };
  }
  if (!best) return undefined;
  return best.score <= limit ? best.value : undefined;
}

/** Lowercase kebab-case slug of a display name: "Abu Mahdi al-Muhandis" → "abu-mahdi-al-muhandis". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Cyrillic and Greek letters that look like Latin ones (the usual spoofing set). */
const LOOKALIKES: Record<string, string> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
  'і': 'i', 'ї': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l',
  'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
};

/** The Latin letter a look-alike character imitates, if it is one. */
export function lookalikeOf(ch: string): string | undefined {
  return LOOKALIKES[ch.toLowerCase()];
}

/** Replaces look-alike letters by the Latin ones they imitate: "grоup" (Cyrillic о) → "group". */
export function foldLookalikes(text: string): string {
  return [...text].map((ch) => LOOKALIKES[ch] ?? LOOKALIKES[ch.toLowerCase()] ?? ch).join('');
}
