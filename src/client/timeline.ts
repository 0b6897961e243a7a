/**
 * Timeline in the browser. The build draws each timeline twice (wide and narrow;
 * CSS shows one, scaled to the page), so on load this script only adds behaviour:
 * tooltips, keyboard navigation between events. The first zoom, pan or filter
 * takes the events' data (the page's own, or /data/timeline.js, shared by the
 * timelines of every event and loaded then) and from there the timeline is
 * redrawn at its real width. Classic-script safe: no top-level await, no dynamic import.
 */
import { renderTimeline, rangeText, drawnSymbols, SIDE } from '../domain/timeline-svg.ts';
import { choicesAmong, decodeRows, decodeTimeline, TIMELINE_GLOBAL, type TimelineData } from '../domain/timeline-data.ts';
import type { TimelineEvent } from '../domain/timeline-svg.ts';

const DAY = 864e5;
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

let shared: Promise<TimelineData> | undefined;
/** Loads /data/timeline.js once per page, as a classic script (file:// refuses fetch). */
function sharedData(url: string): Promise<TimelineData> {
  const g = globalThis as unknown as Record<string, TimelineData | undefined>;
  shared ??= new Promise((resolve, reject) => {
    if (g[TIMELINE_GLOBAL]) { resolve(g[TIMELINE_GLOBAL]!); return; }
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => (g[TIMELINE_GLOBAL] ? resolve(g[TIMELINE_GLOBAL]!) : reject(new Error('timeline data missing')));
    s.onerror = () => { shared = undefined; reject(new Error(`could not load ${url}`)); };
    document.head.append(s);
  });
  return shared;
}

function enhance(fig: HTMLElement) {
  const scroll = fig.querySelector<HTMLElement>('.tl-scroll');
  const binsLink = fig.querySelector<HTMLAnchorElement>('a.viz-bins-href');
  const tip = fig.querySelector<HTMLElement>('.viz-tip');
  if (!scroll || !binsLink || !tip) return;
  // Event pages sit under the events index: /events/ on a server, or
  // events/index.html once the offline edition has rewritten the links.
  const index = binsLink.href;
  const href = (id: string) => (/\/index\.html$/.test(index)
    ? index.replace(/index\.html$/, `${encodeURIComponent(id)}/index.html`)
    : `${index.replace(/\/?$/, '/')}${encodeURIComponent(id)}/`);
  const extent = { from: Number(fig.dataset.extentFrom), to: Number(fig.dataset.extentTo) };
  const initial = { from: Number(fig.dataset.from), to: Number(fig.dataset.to) };
  let domain = { ...initial };
  const filters: Record<string, string> = {};
  let all: TimelineEvent[] | undefined;
  let loadedData: TimelineData | undefined;
  let byId = new Map<string, TimelineEvent>();
  let shown: TimelineEvent[] = [];
  let activeId: string | undefined;
  let lastWidth = 0;
  /** The drawing on screen: one of the build's until the first redraw, then the script's own. */
  const visibleSvg = () => [...scroll.querySelectorAll<SVGSVGElement>('svg.tl-svg')].find((s) => s.getClientRects().length) ?? scroll.querySelector<SVGSVGElement>('svg.tl-svg')!;

  fig.classList.add('is-live');
  fig.querySelector<HTMLElement>('.tl-controls')?.removeAttribute('hidden');
  roving();

  /** One tab stop in the timeline; arrow keys move between marks. */
  function roving() {
    for (const svg of scroll!.querySelectorAll('svg.tl-svg')) {
      const items = [...svg.querySelectorAll<SVGAElement>('a.tl-mark, a.tl-bin')].sort((a, b) => Number(a.dataset.t ?? a.dataset.from) - Number(b.dataset.t ?? b.dataset.from));
      // Each drawing keeps the active event if it draws it, else its earliest.
      const active = items.find((m) => activeId !== undefined && m.dataset.id === activeId) ?? items.find((m) => m.dataset.id) ?? items[0];
      for (const m of items) m.setAttribute('tabindex', m === active ? '0' : '-1');
    }
  }

  /** The events' data, then the timeline drawn by this script (once). */
  let ready: Promise<void> | undefined;
  function live(): Promise<void> {
    ready ??= (async () => {
      const inline = fig.querySelector<HTMLScriptElement>('script.viz-data');
      const link = fig.querySelector<HTMLAnchorElement>('a.viz-data-href');
      const data = inline ? JSON.parse(inline.textContent || '{"v":1,"actors":[],"places":[],"rows":[]}') as TimelineData : await sharedData(link!.href);
      loadedData = data;
      // The shared file holds every event: a timeline of some takes its rows.
      const rows = fig.dataset.rows;
      all = decodeTimeline(rows === undefined ? data : { ...data, rows: decodeRows(rows).map((r) => data.rows[r]) });
      byId = new Map(all.map((e) => [e.id, e]));
      shown = all;
      const keep = visibleSvg();
      for (const s of scroll!.querySelectorAll('svg.tl-svg')) if (s !== keep) s.remove();
      keep.classList.add('tl-live');
      fig.classList.add('is-drawn');
      render();
      new ResizeObserver(() => {
        if (Math.abs(Math.floor(scroll!.clientWidth) - lastWidth) > 1) render();
      }).observe(scroll!);
    })();
    return ready;
  }
  const whenLive = (f: () => void) => { void live().then(f, () => {}); };

  function render() {
    const svg = scroll!.querySelector<SVGSVGElement>('svg.tl-live')!;
    const width = Math.max(280, Math.floor(scroll!.clientWidth));
    lastWidth = width;
    const r = renderTimeline(shown, { ...domain, width, uid: fig.id, href, binHref: binsLink!.href, titles: false });
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(r.height));
    svg.setAttribute('viewBox', `0 0 ${width} ${r.height}`);
    svg.setAttribute('aria-label', `${fig.querySelector('.viz-title')?.textContent ?? 'Timeline'}, ${rangeText(domain.from, domain.to)}`);
    // Redrawing replaces the marks: the event that had focus keeps it.
    const focused = (document.activeElement as HTMLElement | null)?.closest?.('a.tl-mark') && svg.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.id : undefined;
    svg.innerHTML = r.svg;
    fig.dataset.from = String(Math.round(domain.from));
    fig.dataset.to = String(Math.round(domain.to));
    const range = fig.querySelector('.tl-range');
    if (range) range.textContent = rangeText(domain.from, domain.to);
    const count = fig.querySelector('.tl-count');
    const total = all!.length;
    if (count) count.textContent = shown.length === total ? `${total} ${total === 1 ? 'event' : 'events'}` : `${shown.length} of ${total} events`;
    // The key follows what is drawn.
    const symbols = drawnSymbols(shown, r.layout);
    for (const li of fig.querySelectorAll<HTMLElement>('.tl-legend li[data-k]')) {
      li.hidden = !symbols.has(li.dataset.k!);
      li.classList.remove('k-only-wide', 'k-only-narrow');
    }
    roving();
    if (focused) {
      const m = svg.querySelector<SVGAElement>(`a.tl-mark[data-id="${CSS.escape(focused)}"]`);
      if (m) focusMark(m);
    }
  }

  /** Marks and aggregates in time order. */
  function marks(): SVGAElement[] {
    const list = [...visibleSvg().querySelectorAll<SVGAElement>('a.tl-mark, a.tl-bin')];
    const at = (a: SVGAElement) => Number(a.dataset.t ?? a.dataset.from);
    return list.sort((a, b) => at(a) - at(b));
  }

  function clampDomain(d: { from: number; to: number }) {
    const full = extent.to - extent.from;
    const span = Math.min(Math.max(d.to - d.from, 2 * DAY), full * 4);
    let from = d.from;
    if (span >= full) from = Math.min(Math.max(from, extent.to - span), extent.from);
    else from = Math.min(Math.max(from, extent.from), extent.to - span);
    return { from, to: from + span };
  }

  let anim = 0;
  /** Where the view is going (an animation may still be on its way): steps in a row add up. */
  let goal = domain;
  function setDomain(next: { from: number; to: number }, animate = false) {
    const target = clampDomain(next);
    goal = target;
    cancelAnimationFrame(anim);
    if (!animate || reducedMotion()) {
      domain = target;
      render();
      return;
    }
    const start = { ...domain };
    const t0 = performance.now();
    const step = (now: number) => {
      const k = Math.min(1, (now - t0) / 180);
      const e = k * (2 - k);
      domain = { from: start.from + (target.from - start.from) * e, to: start.to + (target.to - start.to) * e };
      render();
      if (k < 1) anim = requestAnimationFrame(step);
    };
    anim = requestAnimationFrame(step);
  }

  /** Zooms by `factor` (> 1: in) keeping time `t` where it is (default: the middle of the view). */
  function zoom(factor: number, t?: number, animate = false) {
    const span = goal.to - goal.from;
    const at = t ?? goal.from + span / 2;
    const k = (at - goal.from) / span;
    const nextSpan = span / factor;
    setDomain({ from: at - k * nextSpan, to: at - k * nextSpan + nextSpan }, animate);
  }
  /** The time at a share of the plot as drawn now (an animation may be on its way). */
  const timeAt = (frac: number) => domain.from + frac * (domain.to - domain.from);

  /** Moves the view by a share of the plot (> 0: back in time). */
  function pan(frac: number) {
    const dt = frac * (goal.to - goal.from);
    setDomain({ from: goal.from - dt, to: goal.to - dt });
  }

  /** Where a client x falls across the plot, 0–1 (whichever drawing is on screen, at whatever scale). */
  const fracAt = (clientX: number) => {
    const svg = visibleSvg();
    const box = svg.getBoundingClientRect();
    const w = svg.viewBox.baseVal.width || box.width;
    return (((clientX - box.left) / Math.max(1, box.width)) * w - SIDE) / Math.max(1, w - 2 * SIDE);
  };
  /** A drag of dx screen px as a share of the plot. */
  const dragFrac = (dx: number) => {
    const svg = visibleSvg();
    const box = svg.getBoundingClientRect();
    const w = svg.viewBox.baseVal.width || box.width;
    return ((dx / Math.max(1, box.width)) * w) / Math.max(1, w - 2 * SIDE);
  };

  // Buttons.
  fig.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((b) => b.addEventListener('click', () => whenLive(() => {
    if (b.dataset.zoom === 'in') zoom(2, undefined, true);
    else if (b.dataset.zoom === 'out') zoom(0.5, undefined, true);
    else setDomain(initial, true);
  })));

  // Filters. A shared timeline's actor and place choices arrive with its data: the
  // first touch of the list loads it (a reader reaches for the list before choosing).
  fig.querySelectorAll<HTMLSelectElement>('select[data-fill="shared"]').forEach((s) => {
    const fill = () => whenLive(() => {
      if (s.dataset.fill !== 'shared' || !loadedData?.filters) return;
      s.dataset.fill = 'done';
      const kind = s.dataset.filter as 'actor' | 'place';
      s.append(...choicesAmong(loadedData.filters, all!, kind).map(([id, name]) => new Option(name, id)));
    });
    s.addEventListener('pointerdown', fill);
    s.addEventListener('focus', fill);
  });
  fig.querySelectorAll<HTMLSelectElement>('select[data-filter]').forEach((s) => s.addEventListener('change', () => whenLive(() => {
    filters[s.dataset.filter!] = s.value;
    shown = all!.filter((e) => (!filters.actor || e.actors.includes(filters.actor))
      && (!filters.place || e.places.includes(filters.place))
      && (!filters.status || e.status === filters.status));
    hideTip();
    render();
  })));

  // Wheel: zoom around the pointer; a horizontal wheel pans.
  scroll.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const at = fracAt(ev.clientX);
    const dx = dragFrac(-ev.deltaX);
    whenLive(() => {
      if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) pan(dx);
      else zoom(Math.pow(2, -ev.deltaY / (ev.deltaMode === 1 ? 12 : 300)), timeAt(at));
    });
  }, { passive: false });

  // Drag to pan, two fingers to zoom. A drag never follows the link it started on.
  const pointers = new Map<number, number>();
  let dragged = false;
  let pinch = 0;
  scroll.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    pointers.set(ev.pointerId, ev.clientX);
    dragged = false;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = Math.abs(a - b);
    }
  });
  scroll.addEventListener('pointermove', (ev) => {
    const prev = pointers.get(ev.pointerId);
    if (prev === undefined) return;
    if (pointers.size === 2) {
      pointers.set(ev.pointerId, ev.clientX);
      const [a, b] = [...pointers.values()];
      const dist = Math.abs(a - b);
      const at = fracAt((a + b) / 2);
      if (pinch > 0 && dist > 0) { const f = dist / pinch; whenLive(() => zoom(f, timeAt(at))); }
      pinch = dist;
      dragged = true;
      return;
    }
    const dx = ev.clientX - prev;
    if (!dragged && Math.abs(dx) < 4) return;
    if (!dragged) scroll.setPointerCapture(ev.pointerId);
    dragged = true;
    pointers.set(ev.pointerId, ev.clientX);
    const share = dragFrac(dx);
    whenLive(() => pan(share));
  });
  const release = (ev: PointerEvent) => {
    pointers.delete(ev.pointerId);
    if (pointers.size < 2) pinch = 0;
  };
  scroll.addEventListener('pointerup', release);
  scroll.addEventListener('pointercancel', release);
  scroll.addEventListener('click', (ev) => {
    if (dragged) {
      ev.preventDefault();
      dragged = false;
      return;
    }
    const bin = (ev.target as Element).closest<SVGAElement>('a.tl-bin');
    if (bin) {
      ev.preventDefault();
      const from = Number(bin.dataset.from);
      const to = Number(bin.dataset.to);
      const pad = (to - from) * 0.1;
      whenLive(() => setDomain({ from: from - pad, to: to + pad }, true));
    }
  });

  // Keyboard: on the timeline itself + / − zoom and arrows pan; on an event the
  // arrows move between events, Home/End jump, Escape returns to the timeline.
  scroll.addEventListener('keydown', (ev) => {
    const mark = (ev.target as Element).closest?.<SVGAElement>('a.tl-mark, a.tl-bin');
    if (ev.key === '+' || ev.key === '=' || ev.key === '-' || ev.key === '_') {
      // On an event, zoom around it (its time, not its place on screen: steps in a row add up).
      const at = mark ? Number(mark.dataset.t ?? mark.dataset.from) : undefined;
      const f = ev.key === '+' || ev.key === '=' ? 2 : 0.5;
      whenLive(() => zoom(f, at, true));
      ev.preventDefault();
      return;
    }
    if (!mark) {
      if (ev.target !== scroll) return;
      if (ev.key === 'ArrowLeft') whenLive(() => pan(0.15));
      else if (ev.key === 'ArrowRight') whenLive(() => pan(-0.15));
      else if (ev.key === '0') whenLive(() => setDomain(initial, true));
      else return;
      ev.preventDefault();
      return;
    }
    const list = marks();
    const i = list.indexOf(mark);
    let next: SVGAElement | undefined;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') next = list[Math.min(list.length - 1, i + 1)];
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') next = list[Math.max(0, i - 1)];
    else if (ev.key === 'Home') next = list[0];
    else if (ev.key === 'End') next = list[list.length - 1];
    else if (ev.key === 'Escape') { hideTip(); scroll.focus(); ev.preventDefault(); return; }
    else if (ev.key === ' ' && mark.classList.contains('tl-bin')) { (mark as unknown as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); ev.preventDefault(); return; }
    else return;
    ev.preventDefault();
    if (next) focusMark(next);
  });

  function focusMark(m: SVGAElement) {
    for (const x of scroll!.querySelectorAll('[tabindex="0"]')) x.setAttribute('tabindex', '-1');
    m.setAttribute('tabindex', '0');
    if (m.dataset.id) activeId = m.dataset.id;
    m.focus({ preventScroll: true });
  }
  // Tooltips: title, date, status (and summary once the data is here) on hover and focus.
  function showTip(m: SVGAElement) {
    const e = m.dataset.id ? byId.get(m.dataset.id) : undefined;
    tip!.replaceChildren();
    const strong = document.createElement('strong');
    const meta = document.createElement('span');
    meta.className = 'viz-tip-meta';
    if (e) {
      strong.textContent = e.title;
      meta.textContent = e.status === 'confirmed' ? e.date : `${e.date} · ${e.status}`;
      tip!.append(strong, meta);
      if (e.summary) {
        const p = document.createElement('span');
        p.className = 'viz-tip-body';
        p.textContent = e.summary;
        tip!.append(p);
      }
    } else {
      // A build-drawn mark is named by its <title>, a drawn-here one by its aria-label.
      strong.textContent = m.getAttribute('aria-label') ?? m.querySelector(':scope > title')?.textContent ?? '';
      tip!.append(strong);
    }
    tip!.hidden = false;
    const box = m.getBoundingClientRect();
    const host = fig.getBoundingClientRect();
    const left = Math.min(Math.max(0, box.left - host.left + box.width / 2 - tip!.offsetWidth / 2), host.width - tip!.offsetWidth);
    tip!.style.left = `${left}px`;
    tip!.style.top = `${box.bottom - host.top + 6}px`;
  }
  function hideTip() { tip!.hidden = true; }
  scroll.addEventListener('pointerover', (ev) => {
    const m = (ev.target as Element).closest<SVGAElement>('a.tl-mark, a.tl-bin');
    if (m && !pointers.size) showTip(m);
  });
  scroll.addEventListener('pointerout', (ev) => {
    const m = (ev.target as Element).closest('a.tl-mark, a.tl-bin');
    if (m && !m.contains(ev.relatedTarget as Node)) hideTip();
  });
  scroll.addEventListener('focusin', (ev) => {
    const m = (ev.target as Element).closest<SVGAElement>('a.tl-mark, a.tl-bin');
    if (m) { if (m.dataset.id) activeId = m.dataset.id; showTip(m); }
  });
  scroll.addEventListener('focusout', hideTip);
}

for (const fig of document.querySelectorAll<HTMLElement>('figure[data-viz="timeline"]')) enhance(fig);
