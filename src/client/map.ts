/**
 * Map in the browser: zoom (wheel, buttons, +/−, pinch) and pan (drag, arrows)
 * of the server-rendered SVG, and hover/focus highlighting with a tooltip. Markers
 * keep their size while the land zooms. Classic-script safe.
 */
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function enhance(fig: HTMLElement) {
  const svg = fig.querySelector<SVGSVGElement>('svg.map-svg');
  const geo = fig.querySelector<SVGGElement>('g.map-geo');
  const frame = fig.querySelector<HTMLElement>('.map-frame');
  const tip = fig.querySelector<HTMLElement>('.viz-tip');
  if (!svg || !geo || !frame || !tip) return;
  const vb = svg.viewBox.baseVal;
  const W = vb.width;
  const H = vb.height;
  const markers = [...svg.querySelectorAll<SVGAElement>('a.map-marker')];
  // Other positions sources give (readings): placed like markers, not links of their own.
  const alts = [...svg.querySelectorAll<SVGGElement>('g.map-alt')];
  // Each marker's position is written once, in its transform (translate(x,y)).
  const at = new Map([...markers, ...alts].map((m) => {
    const xy = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(m.querySelector('.map-pos')?.getAttribute('transform') ?? '');
    return [m, xy ? [Number(xy[1]), Number(xy[2])] : [0, 0]] as const;
  }));
  const labels = [...svg.querySelectorAll<SVGTextElement>('.map-country-label')];
  let t = { k: 1, x: 0, y: 0 };

  fig.classList.add('is-live');
  fig.querySelector<HTMLElement>('.map-controls')?.removeAttribute('hidden');
  frame.tabIndex = 0;
  frame.setAttribute('role', 'group');
  frame.setAttribute('aria-label', `${fig.querySelector('.viz-title')?.textContent ?? 'Map'}: + and − zoom, the arrow keys pan`);

  // Markers and labels keep their size on screen whatever the map's width and
  // zoom: they are counter-scaled, then labels that would overlap are hidden.
  function apply() {
    const inv = W / (svg!.getBoundingClientRect().width || W);
    geo!.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
    for (const m of [...markers, ...alts]) {
      const [x, y] = at.get(m)!;
      m.querySelector('.map-pos')?.setAttribute('transform', `translate(${x * t.k + t.x},${y * t.k + t.y}) scale(${inv})`);
    }
    for (const l of labels) {
      l.setAttribute('x', String(Number(l.dataset.x) * t.k + t.x));
      l.setAttribute('y', String(Number(l.dataset.y) * t.k + t.y));
      l.style.fontSize = `${12 * inv}px`;
    }
    fig.dataset.zoom = t.k.toFixed(2);
    declutter();
  }
  const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  function declutter() {
    const dots = markers.map((m) => m.querySelector('circle')!.getBoundingClientRect());
    const kept: DOMRect[] = [];
    // Markers come busiest first (the build's order), so they keep their labels.
    markers.forEach((m, i) => {
      const text = m.querySelector<SVGTextElement>('text');
      if (!text) return;
      text.style.display = '';
      const box = text.getBoundingClientRect();
      const clash = kept.some((k) => meets(k, box)) || dots.some((d, j) => j !== i && meets(d, box));
      if (clash) text.style.display = 'none';
      else kept.push(box);
    });
    // Country names give way to place names, and are not shown cut at the edge.
    const frame = svg!.getBoundingClientRect();
    for (const l of labels) {
      l.style.display = '';
      const box = l.getBoundingClientRect();
      const cut = box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom;
      if (cut || kept.some((k) => meets(k, box)) || dots.some((d) => meets(d, box))) l.style.display = 'none';
    }
  }
  function clamp(n: { k: number; x: number; y: number }) {
    const k = Math.min(12, Math.max(1, n.k));
    return { k, x: Math.min(0, Math.max(W - W * k, n.x)), y: Math.min(0, Math.max(H - H * k, n.y)) };
  }
  let anim = 0;
  function set(n: { k: number; x: number; y: number }, animate = false) {
    const target = clamp(n);
    cancelAnimationFrame(anim);
    if (!animate || reducedMotion()) { t = target; apply(); return; }
    const s = { ...t };
    const t0 = performance.now();
    const step = (now: number) => {
      const p = Math.min(1, (now - t0) / 180);
      const e = p * (2 - p);
      t = { k: s.k + (target.k - s.k) * e, x: s.x + (target.x - s.x) * e, y: s.y + (target.y - s.y) * e };
      apply();
      if (p < 1) anim = requestAnimationFrame(step);
    };
    anim = requestAnimationFrame(step);
  }
  /** Zoom by factor around a point in viewBox units. */
  function zoom(f: number, px = W / 2, py = H / 2, animate = false) {
    const k = Math.min(12, Math.max(1, t.k * f));
    const r = k / t.k;
    set({ k, x: px - (px - t.x) * r, y: py - (py - t.y) * r }, animate);
  }
  const toView = (cx: number, cy: number): [number, number] => {
    const b = svg!.getBoundingClientRect();
    return [((cx - b.left) / b.width) * W, ((cy - b.top) / b.height) * H];
  };

  fig.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((b) => b.addEventListener('click', () => {
    if (b.dataset.zoom === 'in') zoom(2, undefined, undefined, true);
    else if (b.dataset.zoom === 'out') zoom(0.5, undefined, undefined, true);
    else set({ k: 1, x: 0, y: 0 }, true);
  }));
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const [x, y] = toView(ev.clientX, ev.clientY);
    zoom(Math.pow(2, -ev.deltaY / (ev.deltaMode === 1 ? 12 : 300)), x, y);
  }, { passive: false });
  frame.addEventListener('keydown', (ev) => {
    const step = 40;
    if (ev.key === '+' || ev.key === '=') zoom(2, undefined, undefined, true);
    else if (ev.key === '-' || ev.key === '_') zoom(0.5, undefined, undefined, true);
    else if (ev.target !== frame) return;
    else if (ev.key === 'ArrowLeft') set({ ...t, x: t.x + step });
    else if (ev.key === 'ArrowRight') set({ ...t, x: t.x - step });
    else if (ev.key === 'ArrowUp') set({ ...t, y: t.y + step });
    else if (ev.key === 'ArrowDown') set({ ...t, y: t.y - step });
    else if (ev.key === '0') set({ k: 1, x: 0, y: 0 }, true);
    else return;
    ev.preventDefault();
  });

  // Drag to pan; two pointers pinch.
  const pointers = new Map<number, [number, number]>();
  let dragged = false;
  let pinch = 0;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
    dragged = false;
  });
  svg.addEventListener('pointermove', (ev) => {
    const prev = pointers.get(ev.pointerId);
    if (!prev) return;
    const b = svg.getBoundingClientRect();
    const scale = W / b.width;
    if (pointers.size === 2) {
      pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
      const [p, q] = [...pointers.values()];
      const dist = Math.hypot(p[0] - q[0], p[1] - q[1]);
      if (pinch) { const [x, y] = toView((p[0] + q[0]) / 2, (p[1] + q[1]) / 2); zoom(dist / pinch, x, y); }
      pinch = dist;
      dragged = true;
      return;
    }
    const dx = ev.clientX - prev[0];
    const dy = ev.clientY - prev[1];
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) svg.setPointerCapture(ev.pointerId);
    dragged = true;
    pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
    set({ ...t, x: t.x + dx * scale, y: t.y + dy * scale });
  });
  const release = (ev: PointerEvent) => { pointers.delete(ev.pointerId); if (pointers.size < 2) pinch = 0; };
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener('click', (ev) => { if (dragged) { ev.preventDefault(); dragged = false; } }, true);

  // Hover and focus: highlight the marker, show its name and count.
  function show(m: SVGAElement) {
    for (const x of markers) x.classList.toggle('is-hot', x === m);
    // The label says "<name>: <n> events" and maybe " (approximate position)".
    const label = m.getAttribute('aria-label') ?? '';
    const cut = label.lastIndexOf(': ');
    tip!.replaceChildren();
    const strong = document.createElement('strong');
    strong.textContent = label.slice(0, cut);
    const meta = document.createElement('span');
    meta.className = 'viz-tip-meta';
    meta.textContent = label.slice(cut + 2).replace(' (approximate position)', ' · approximate position');
    tip!.append(strong, meta);
    tip!.hidden = false;
    const box = m.querySelector('circle')!.getBoundingClientRect();
    const host = fig.getBoundingClientRect();
    tip!.style.left = `${Math.min(Math.max(0, box.left - host.left + box.width / 2 - tip!.offsetWidth / 2), host.width - tip!.offsetWidth)}px`;
    tip!.style.top = `${box.bottom - host.top + 6}px`;
  }
  function hide() {
    for (const x of markers) x.classList.remove('is-hot');
    tip!.hidden = true;
  }
  for (const m of markers) {
    m.addEventListener('pointerenter', () => { if (!pointers.size) show(m); });
    m.addEventListener('pointerleave', hide);
    m.addEventListener('focus', () => show(m));
    m.addEventListener('blur', hide);
  }
  new ResizeObserver(() => apply()).observe(svg);
  apply();
}

for (const fig of document.querySelectorAll<HTMLElement>('figure[data-viz="map"]')) enhance(fig);
