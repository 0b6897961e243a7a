/**
 * Relations graph in the browser: drag nodes, highlight a node's neighbours on
 * hover or focus, filter by relation type (the legend becomes toggle buttons),
 * zoom and pan with the buttons or, on the drawing, + / − / arrow keys / 0.
 * The layout itself comes from the build. Classic-script safe.
 */
import { edgeShape } from '../domain/graph-geometry.ts';

function enhance(fig: HTMLElement) {
  fig.classList.add('is-live');
  // One drawing per screen shape (wide, narrow): each gets the same behaviour.
  const views = [...fig.querySelectorAll<SVGSVGElement>('svg.graph-svg')].map((svg) => enhanceDrawing(fig, svg));
  enhanceLegend(fig);
  for (const c of fig.querySelectorAll<HTMLElement>('.graph-controls')) c.removeAttribute('hidden');
  // The buttons act on the drawing on screen (wide or narrow).
  const shown = () => views.find((v) => v.svg.getClientRects().length) ?? views[0];
  fig.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((b) => b.addEventListener('click', () => {
    const v = shown();
    if (b.dataset.zoom === 'in') v.zoom(1.6);
    else if (b.dataset.zoom === 'out') v.zoom(1 / 1.6);
    else v.reset();
  }));
}

/** Zoom and pan by changing the viewBox: the drawing stays vector-sharp. */
function viewControl(svg: SVGSVGElement) {
  const W = Number(svg.dataset.w);
  const H = Number(svg.dataset.h);
  let k = 1;
  let cx = W / 2;
  let cy = H / 2;
  const apply = () => {
    // The centre stays where the drawing still fills the view.
    const hw = W / 2 / k;
    const hh = H / 2 / k;
    cx = Math.min(Math.max(cx, hw), W - hw);
    cy = Math.min(Math.max(cy, hh), H - hh);
    svg.setAttribute('viewBox', `${(cx - hw).toFixed(1)} ${(cy - hh).toFixed(1)} ${(2 * hw).toFixed(1)} ${(2 * hh).toFixed(1)}`);
    svg.dataset.zoom = k.toFixed(2);
  };
  return {
    svg,
    zoom(f: number) { k = Math.min(6, Math.max(1, k * f)); apply(); },
    pan(dx: number, dy: number) { cx += (dx * W) / k; cy += (dy * H) / k; apply(); },
    reset() { k = 1; cx = W / 2; cy = H / 2; apply(); },
  };
}

function enhanceDrawing(fig: HTMLElement, svg: SVGSVGElement) {
  const vb = svg.viewBox.baseVal;
  const nodes = new Map([...svg.querySelectorAll<SVGAElement>('a.graph-node')].map((n) => [n.dataset.id!, n]));
  const edges = [...svg.querySelectorAll<SVGGElement>('g.graph-edge')];
  const labelOf = new Map([...svg.querySelectorAll<SVGTextElement>('text.graph-edge-label')].map((t) => [t.dataset.e!, t]));
  const view = viewControl(svg);
  const host = svg.closest<HTMLElement>('.graph-scroll')!;
  host.addEventListener('keydown', (ev) => {
    const step = 0.12;
    const keys: Record<string, () => void> = {
      '+': () => view.zoom(1.6), '=': () => view.zoom(1.6), '-': () => view.zoom(1 / 1.6), _: () => view.zoom(1 / 1.6),
      0: () => view.reset(),
      ArrowLeft: () => view.pan(-step, 0), ArrowRight: () => view.pan(step, 0), ArrowUp: () => view.pan(0, -step), ArrowDown: () => view.pan(0, step),
    };
    // Arrows pan only on the drawing itself (on an actor they keep their usual meaning).
    if (ev.key.startsWith('Arrow') && ev.target !== host) return;
    const f = keys[ev.key];
    if (!f || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    f();
    ev.preventDefault();
  });

  const num = (el: Element, key: string) => Number((el as HTMLElement).dataset[key]);
  function redraw(edge: SVGGElement) {
    const s = nodes.get(edge.dataset.source!)!;
    const t = nodes.get(edge.dataset.target!)!;
    const shape = edgeShape(num(s, 'x'), num(s, 'y'), num(t, 'x'), num(t, 'y'), num(s, 'r'), num(t, 'r'), num(edge, 'bend'), 7, num(edge, 'at') || 0.5);
    for (const p of edge.querySelectorAll('path')) p.setAttribute('d', shape.d);
    const text = labelOf.get(edge.dataset.e!);
    text?.setAttribute('x', String(shape.lx));
    text?.setAttribute('y', String(shape.ly + 4));
  }

  // Neighbour highlighting.
  function highlight(id: string | undefined) {
    fig.classList.toggle('is-dim', !!id);
    for (const n of nodes.values()) n.classList.remove('is-hot');
    for (const e of edges) e.classList.remove('is-hot');
    for (const t of labelOf.values()) t.classList.remove('is-hot');
    if (!id) return;
    nodes.get(id)?.classList.add('is-hot');
    for (const e of edges) {
      if (e.classList.contains('is-off')) continue;
      if (e.dataset.source === id || e.dataset.target === id) {
        e.classList.add('is-hot');
        labelOf.get(e.dataset.e!)?.classList.add('is-hot');
        nodes.get(e.dataset.source!)?.classList.add('is-hot');
        nodes.get(e.dataset.target!)?.classList.add('is-hot');
      }
    }
  }
  let dragging: SVGAElement | undefined;
  for (const [id, n] of nodes) {
    n.addEventListener('pointerenter', () => { if (!dragging) highlight(id); });
    n.addEventListener('pointerleave', () => { if (!dragging) highlight(undefined); });
    n.addEventListener('focus', () => highlight(id));
    n.addEventListener('blur', () => highlight(undefined));
    n.querySelector('title')?.remove();
  }

  // Drag: moves the node within the drawing and redraws its edges.
  let moved = false;
  let start: [number, number, number, number] = [0, 0, 0, 0];
  svg.addEventListener('pointerdown', (ev) => {
    const n = (ev.target as Element).closest<SVGAElement>('a.graph-node');
    if (!n || ev.button !== 0) return;
    dragging = n;
    moved = false;
    start = [ev.clientX, ev.clientY, num(n, 'x'), num(n, 'y')];
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!dragging) return;
    const b = svg.getBoundingClientRect();
    const k = vb.width / b.width; // the viewBox follows zoom, so this is the zoomed scale
    const dx = (ev.clientX - start[0]) * k;
    const dy = (ev.clientY - start[1]) * k;
    if (!moved && Math.hypot(dx, dy) < 4) return;
    if (!moved) svg.setPointerCapture(ev.pointerId);
    moved = true;
    const x = Math.min(Number(svg.dataset.w) - 10, Math.max(10, start[2] + dx));
    const y = Math.min(Number(svg.dataset.h) - 10, Math.max(10, start[3] + dy));
    dragging.dataset.x = String(x);
    dragging.dataset.y = String(y);
    dragging.querySelector('.graph-pos')?.setAttribute('transform', `translate(${x},${y})`);
    const id = dragging.dataset.id;
    for (const e of edges) if (e.dataset.source === id || e.dataset.target === id) redraw(e);
  });
  const end = () => { dragging = undefined; };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  svg.addEventListener('click', (ev) => { if (moved) { ev.preventDefault(); moved = false; } }, true);
  return view;
}

function enhanceLegend(fig: HTMLElement) {
  const edges = [...fig.querySelectorAll<SVGElement>('g.graph-edge, text.graph-edge-label')];
  // Filter by relation type: each legend entry becomes a toggle.
  for (const li of fig.querySelectorAll<HTMLLIElement>('.graph-legend li[data-rel]')) {
    const type = li.dataset.rel!;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'graph-toggle';
    button.setAttribute('aria-pressed', 'true');
    button.append(...li.childNodes);
    li.append(button);
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      for (const e of edges) if (e.dataset.type === type) e.classList.toggle('is-off', !on);
    });
  }
  const legend = fig.querySelector('.graph-legend');
  legend?.setAttribute('aria-label', 'Show or hide relation types');
}

for (const fig of document.querySelectorAll<HTMLElement>('figure[data-viz="graph"]')) enhance(fig);
