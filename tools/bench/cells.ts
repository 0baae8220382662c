/**
 * Which cells a run measures, in the order it measures them: size by size, then model by
 * model, every engine and backend of a model one after the other. A ratio (seqlab ÷ peer)
 * then divides two cells measured within a minute or so of each other, not twenty: this
 * machine's speed drifts (PyTorch's small LSTM read 41.8 ms in one full run, 68.9 in the
 * next).
 */
import type { BenchArgs } from './args.js';
import {
  SIZES,
  type BenchModel,
  type EngineName,
  type Runtime,
  type SizeConfig,
  type SizeName,
  type StepPlan,
} from './rows.js';

/** How a cell is probed before it is timed; see {@link Cell.probe}. */
export type ProbeKind = 'none' | 'fit' | 'gate';

/** The Node tfjs cells that need a probe: everything on cpu, everything large. */
export function probeKind(backend: string, size: SizeName): ProbeKind {
  if (backend === 'cpu') return size === 'large' ? 'gate' : 'fit';
  return size === 'large' ? 'fit' : 'none';
}

/** One model × size × engine × backend to time. */
export interface Cell {
  readonly engine: EngineName;
  readonly runtime: Runtime;
  readonly backend: string;
  readonly model: BenchModel;
  readonly size: SizeName;
  readonly config: SizeConfig;
  readonly plan: StepPlan;
  /**
   * Time one step first (budget.ts). `fit`: a slow cell then runs fewer steps, so the
   * whole benchmark keeps to its time. `gate`: also skip the cell when that step is over
   * the budget: the cpu backend's large configuration, where one step of an unrolled
   * recurrence can take tens of seconds. `none`: fast cells run as planned.
   */
  readonly probe: ProbeKind;
}

/** The Node-side cells (seqlab, tfjs-layers, PyTorch) of a run; `torch` says if it exists. */
export function planCells(args: BenchArgs, torch: boolean): Cell[] {
  const cells: Cell[] = [];
  for (const size of args.sizes) {
    const common = { size, config: SIZES[size], plan: args.plans[size] };
    for (const model of args.models) {
      for (const engine of ['seqlab', 'tfjs-layers'] as const) {
        if (!args.engines.includes(engine)) continue;
        for (const backend of args.backends) {
          const probe = probeKind(backend, size);
          cells.push({ ...common, engine, runtime: 'node', backend, model, probe });
        }
      }
      if (torch && args.engines.includes('pytorch')) {
        // PyTorch is fast at both sizes: no probe.
        cells.push({
          ...common,
          engine: 'pytorch',
          runtime: 'python',
          backend: 'cpu',
          model,
          probe: 'none',
        });
      }
    }
  }
  return cells;
}
