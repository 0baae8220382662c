/**
 * The receptive field of a conv stack drawn over the input timeline: one output step at the
 * top, and below it, layer by layer, the steps it reads, down to the input steps it sees.
 * Dilation spreads the taps, stride thins the grid, causal padding keeps it in the past.
 */
import { escapeXml } from '@seqlab/diagrams';
import type { IrModule, Node } from '@seqlab/ir';

/** One conv or pool layer of the stack, as the figure needs it. */
export interface WindowLayer {
  readonly name: string;
  readonly op: string;
  readonly kernel: number;
  readonly dilation: number;
  readonly stride: number;
  readonly padding: string;
}

const WINDOW_OPS = new Set(['conv1d', 'max_pool1d', 'avg_pool1d']);

/** The conv and pool layers of `m` in graph order (the stack the figure draws). */
export function windowLayers(m: IrModule): WindowLayer[] {
  return m.graph.nodes
    .filter((n: Node) => WINDOW_OPS.has(n.op))
    .map((n) => ({
      name: n.name,
      op: n.op,
      kernel: Number(n.attrs['kernel'] ?? 1),
      dilation: Number(n.attrs['dilation'] ?? 1),
      stride: Number(n.attrs['stride'] ?? (n.op === 'conv1d' ? 1 : (n.attrs['kernel'] ?? 1))),
      padding: String(n.attrs['padding'] ?? 'valid'),
    }));
}

/** Input-step positions read at each level, from the input (index 0) to the top output. */
export function receptiveCone(layers: readonly WindowLayer[], top: number): number[][] {
  // Jump: input steps between neighbouring positions of each level's output.
  const jumps = [1];
  for (const l of layers) jumps.push((jumps[jumps.length - 1] ?? 1) * l.stride);
  const levels: number[][] = [[top]];
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    if (!l) continue;
    const jump = jumps[i] ?? 1;
    const above = levels[0] ?? [];
    const below = new Set<number>();
    for (const x of above) {
      for (let m = 0; m < l.kernel; m++) {
        // Causal windows end at the output step; others are centred on it.
        const offset =
          l.padding === 'causal' ? m - (l.kernel - 1) : m - Math.floor((l.kernel - 1) / 2);
        below.add(x + offset * l.dilation * jump);
      }
    }
    levels.unshift([...below].sort((a, b) => a - b));
  }
  return levels;
}

/**
 * The figure as SVG text, or undefined when the model has no conv or pool layer. Colours
 * follow the diagrams' light theme (conv family blue, muted grey grid).
 */
export function receptiveFieldSvg(m: IrModule): string | undefined {
  const layers = windowLayers(m);
  if (layers.length === 0) return undefined;
  const probe = receptiveCone(layers, 0);
  const lo = Math.min(...(probe[0] ?? [0]));
  const hi = Math.max(...(probe[0] ?? [0]));
  const rf = hi - lo + 1;
  const steps = Math.min(96, rf + 6);
  // Place the output step so its whole cone (and a little context) is on the timeline.
  const top = steps - 3 - hi;
  const levels = receptiveCone(layers, top);
  const labelW = 150;
  const cell = Math.max(6, Math.min(22, Math.floor(620 / steps)));
  const rowH = 46;
  const width = labelW + steps * cell + 20;
  const height = (layers.length + 1) * rowH + 56;
  const xOf = (step: number): number => labelW + step * cell + cell / 2;
  const yOf = (level: number): number => height - 44 - level * rowH;
  const parts: string[] = [];
  const jumps = [1];
  for (const l of layers) jumps.push((jumps[jumps.length - 1] ?? 1) * l.stride);
  for (let level = 0; level <= layers.length; level++) {
    const y = yOf(level);
    const l = layers[level - 1];
    const label = level === 0 ? 'input' : `${l?.name ?? ''}`;
    const sub =
      level === 0
        ? 'time →'
        : `k=${l?.kernel} d=${l?.dilation}${l && l.stride > 1 ? ` s=${l.stride}` : ''} ${l?.padding}`;
    parts.push(`<text x="8" y="${y - 2}" font-size="12" fill="#1f2937">${escapeXml(label)}</text>`);
    parts.push(`<text x="8" y="${y + 12}" font-size="10" fill="#6b7280">${escapeXml(sub)}</text>`);
    const jump = jumps[level] ?? 1;
    for (let s = 0; s < steps; s += jump) {
      parts.push(`<circle cx="${xOf(s)}" cy="${y}" r="${Math.min(4, cell / 3)}" fill="#e5e7eb"/>`);
    }
  }
  // Taps: every position of a level joined to the positions it reads one level down.
  for (let level = layers.length; level >= 1; level--) {
    const l = layers[level - 1];
    if (!l) continue;
    const jump = jumps[level - 1] ?? 1;
    for (const x of levels[level] ?? []) {
      for (let k = 0; k < l.kernel; k++) {
        const offset =
          l.padding === 'causal' ? k - (l.kernel - 1) : k - Math.floor((l.kernel - 1) / 2);
        const from = x + offset * l.dilation * jump;
        parts.push(
          `<line x1="${xOf(x)}" y1="${yOf(level)}" x2="${xOf(from)}" y2="${yOf(level - 1)}" stroke="#93c5fd" stroke-width="1.2"/>`,
        );
      }
    }
  }
  levels.forEach((xs, level) => {
    for (const x of xs) {
      const inside = x >= 0 && x < steps;
      parts.push(
        `<circle cx="${xOf(x)}" cy="${yOf(level)}" r="${Math.min(5, cell / 2.5)}" fill="${level === layers.length ? '#1d4ed8' : inside ? '#3b82f6' : '#fca5a5'}"/>`,
      );
    }
  });
  const first = Math.min(...(levels[0] ?? [0]));
  const last = Math.max(...(levels[0] ?? [0]));
  const yb = yOf(0) + 22;
  parts.push(
    `<path d="M${xOf(first) - cell / 2} ${yb - 6} v6 H${xOf(last) + cell / 2} v-6" fill="none" stroke="#1d4ed8"/>`,
    `<text x="${(xOf(first) + xOf(last)) / 2}" y="${yb + 14}" font-size="12" text-anchor="middle" fill="#1d4ed8">receptive field: ${rf} input steps</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="Inter, 'Segoe UI', Helvetica, Arial, 'DejaVu Sans', sans-serif"><title>Receptive field of one output step</title>${parts.join('')}</svg>`;
}
