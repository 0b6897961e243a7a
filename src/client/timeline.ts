/**
 * Timeline in the browser: re-lays out the server-rendered timeline at the real
 * width, then adds zoom and pan (wheel, drag, pinch, keyboard), filters, tooltips
 * and keyboard navigation between events. The page is complete without this.
 * Classic-script safe: no top-level await, no dynamic import.
 */
import { renderTimeline, rangeText } from '../domain/timeline-svg.ts';
import { decodeTimeline } from '../domain/timeline-data.ts';

const DAY = 864e5;
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function enhance(fig: HTMLElement) {
  const dataEl = fig.querySelector<HTMLScriptElement>('script.viz-data');
  const svg = fig.querySelector<SVGSVGElement>('svg.tl-svg');
  const scroll = fig.querySelector<HTMLElement>('.tl-scroll');
  const binsLink = fig.querySelector<HTMLAnchorElement>('a.viz-bins-href');
  const tip = fig.querySelector<HTMLElement>('.viz-tip');
  if (!dataEl || !svg || !scroll || !binsLink || !tip) return;
  const all = decodeTimeline(JSON.parse(dataEl.textContent || '{"v":1,"actors":[],"places":[],"rows":[]}'));
  const byId = new Map(all.map((e) => [e.id, e]));
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
  let shown = all;
  let activeId: string | undefined;
  let lastWidth = 0;

  fig.classList.add('is-live');
  fig.querySelector<HTMLElement>('.tl-controls')?.removeAttribute('hidden');

  function render() {
    const width = Math.max(280, Math.floor(scroll!.clientWidth));
    lastWidth = width;
    const r = renderTimeline(shown, { ...domain, width, uid: fig.id, href, binHref: binsLink!.href, titles: false });
    svg!.setAttribute('width', String(width));
    svg!.setAttribute('height', String(r.height));
    svg!.setAttribute('viewBox', `0 0 ${width} ${r.height}`);
    svg!.setAttribute('aria-label', `${fig.querySelector('.viz-title')?.textContent ?? 'Timeline'}, ${rangeText(domain.from, domain.to)}`);
    svg!.innerHTML = r.svg;
    fig.dataset.from = String(Math.round(domain.from));
    fig.dataset.to = String(Math.round(domain.to));
    const range = fig.querySelector('.tl-range');
    if (range) range.textContent = rangeText(domain.from, domain.to);
    const count = fig.querySelector('.tl-count');
    if (count) count.textContent = shown.length === all.length ? `${all.length} ${all.length === 1 ? 'event' : 'events'}` : `${shown.length} of ${all.length} events`;
    // Roving focus: one tab stop in the timeline; arrow keys move between marks.
    const items = marks();
    if (!items.some((m) => m.dataset.id === activeId)) activeId = items[0]?.dataset.id;
    for (const m of items) m.setAttribute('tabindex', m.dataset.id === activeId ? '0' : '-1');
    for (const b of svg!.querySelectorAll<SVGAElement>('a.tl-bin')) b.setAttribute('tabindex', '-1');
  }

  /** Marks and aggregates in time order. */
  function marks(): SVGAElement[] {
    const list = [...svg!.querySelectorAll<SVGAElement>('a.tl-mark, a.tl-bin')];
    const at = (a: SVGAElement) => {
      const e = a.dataset.id ? byId.get(a.dataset.id) : undefined;
      return e ? e.time.from : Number(a.dataset.from);
    };
    return list.sort((a, b) => at(a) - at(b));
  }

  function clampDomain(d: { from: number; to: number }) {
    const full = extent.to - extent.from;
    let span = Math.min(Math.max(d.to - d.from, 2 * DAY), full * 4);
    let from = d.from;
    if (span >= full) from = Math.min(Math.max(from, extent.to - span), extent.from);
    else from = Math.min(Math.max(from, extent.from), extent.to - span);
    return { from, to: from + span };
  }

  let anim = 0;
  function setDomain(next: { from: number; to: number }, animate = false) {
    const target = clampDomain(next);
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

  /** Zooms by `factor` (> 1: in) keeping the time under plot x (px) in place. */
  function zoom(factor: number, atPx?: number, animate = false) {
    const width = lastWidth - 24;
    const span = domain.to - domain.from;
    const px = atPx ?? width / 2;
    const t = domain.from + (px / width) * span;
    const nextSpan = span / factor;
    setDomain({ from: t - (px / width) * nextSpan, to: t - (px / width) * nextSpan + nextSpan }, animate);
  }

  function pan(px: number) {
    const span = domain.to - domain.from;
    const dt = (px / (lastWidth - 24)) * span;
    setDomain({ from: domain.from - dt, to: domain.to - dt });
  }

  const plotX = (clientX: number) => clientX - svg!.getBoundingClientRect().left - 12;

  // Buttons.
  fig.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((b) => b.addEventListener('click', () => {
    if (b.dataset.zoom === 'in') zoom(2, undefined, true);
    else if (b.dataset.zoom === 'out') zoom(0.5, undefined, true);
    else setDomain(initial, true);
  }));

  // Filters.
  fig.querySelectorAll<HTMLSelectElement>('select[data-filter]').forEach((s) => s.addEventListener('change', () => {
    filters[s.dataset.filter!] = s.value;
    shown = all.filter((e) => (!filters.actor || e.actors.includes(filters.actor))
      && (!filters.place || e.places.includes(filters.place))
      && (!filters.status || e.status === filters.status));
    hideTip();
    render();
  }));

  // Wheel: zoom around the pointer; a horizontal wheel pans.
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) pan(-ev.deltaX);
    else zoom(Math.pow(2, -ev.deltaY / (ev.deltaMode === 1 ? 12 : 300)), plotX(ev.clientX));
  }, { passive: false });

  // Drag to pan, two fingers to zoom. A drag never follows the link it started on.
  const pointers = new Map<number, number>();
  let dragged = false;
  let pinch = 0;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    pointers.set(ev.pointerId, ev.clientX);
    dragged = false;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = Math.abs(a - b);
    }
  });
  svg.addEventListener('pointermove', (ev) => {
    const prev = pointers.get(ev.pointerId);
    if (prev === undefined) return;
    if (pointers.size === 2) {
      pointers.set(ev.pointerId, ev.clientX);
      const [a, b] = [...pointers.values()];
      const dist = Math.abs(a - b);
      if (pinch > 0 && dist > 0) zoom(dist / pinch, plotX((a + b) / 2));
      pinch = dist;
      dragged = true;
      return;
    }
    const dx = ev.clientX - prev;
    if (!dragged && Math.abs(dx) < 4) return;
    if (!dragged) svg.setPointerCapture(ev.pointerId);
    dragged = true;
    pointers.set(ev.pointerId, ev.clientX);
    pan(dx);
  });
  const release = (ev: PointerEvent) => {
    pointers.delete(ev.pointerId);
    if (pointers.size < 2) pinch = 0;
  };
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener('click', (ev) => {
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
      setDomain({ from: from - pad, to: to + pad }, true);
    }
  });

  // Keyboard: on the timeline itself + / − zoom and arrows pan; on an event the
  // arrows move between events, Home/End jump, Escape returns to the timeline.
  scroll.addEventListener('keydown', (ev) => {
    const mark = (ev.target as Element).closest?.<SVGAElement>('a.tl-mark, a.tl-bin');
    if (ev.key === '+' || ev.key === '=') { zoom(2, mark ? markX(mark) : undefined, true); refocus(mark); ev.preventDefault(); return; }
    if (ev.key === '-' || ev.key === '_') { zoom(0.5, mark ? markX(mark) : undefined, true); refocus(mark); ev.preventDefault(); return; }
    if (!mark) {
      if (ev.target !== scroll) return;
      if (ev.key === 'ArrowLeft') pan((lastWidth - 24) * 0.15);
      else if (ev.key === 'ArrowRight') pan(-(lastWidth - 24) * 0.15);
      else if (ev.key === '0') setDomain(initial, true);
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

  function markX(m: SVGAElement): number {
    const box = m.getBoundingClientRect();
    return plotX(box.left + box.width / 2);
  }
  function focusMark(m: SVGAElement) {
    for (const x of svg!.querySelectorAll('[tabindex="0"]')) x.setAttribute('tabindex', '-1');
    m.setAttribute('tabindex', '0');
    if (m.dataset.id) activeId = m.dataset.id;
    m.focus();
  }
  function refocus(mark: SVGAElement | null) {
    if (!mark?.dataset.id) return;
    const id = mark.dataset.id;
    // The animation re-renders; find the mark again once it settles.
    const again = () => {
      const m = svg!.querySelector<SVGAElement>(`a.tl-mark[data-id="${CSS.escape(id)}"]`);
      if (m) focusMark(m);
    };
    if (reducedMotion()) again(); else setTimeout(again, 220);
  }

  // Tooltips: date, status and summary beside the mark, on hover and on focus.
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
      strong.textContent = m.getAttribute('aria-label') ?? '';
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
  svg.addEventListener('pointerover', (ev) => {
    const m = (ev.target as Element).closest<SVGAElement>('a.tl-mark, a.tl-bin');
    if (m && !pointers.size) showTip(m);
  });
  svg.addEventListener('pointerout', (ev) => {
    const m = (ev.target as Element).closest('a.tl-mark, a.tl-bin');
    if (m && !m.contains(ev.relatedTarget as Node)) hideTip();
  });
  svg.addEventListener('focusin', (ev) => {
    const m = (ev.target as Element).closest<SVGAElement>('a.tl-mark, a.tl-bin');
    if (m) { if (m.dataset.id) activeId = m.dataset.id; showTip(m); }
  });
  svg.addEventListener('focusout', hideTip);

  new ResizeObserver(() => {
    if (Math.abs(Math.floor(scroll.clientWidth) - lastWidth) > 1) render();
  }).observe(scroll);
  render();
}

for (const fig of document.querySelectorAll<HTMLElement>('figure[data-viz="timeline"]')) enhance(fig);
