/** The torch engine's flags of `seqlab train`, checked before anything is read or started. */
import type { Topology } from '@seqlab/engine-torch';
import { UsageError } from '../io/files.js';
import { optionalWholeNumber } from '../io/numbers.js';
import type { TrainOptions } from './train-options.js';

/** The torch engine's settings. */
export interface TorchSettings {
  readonly topology: Topology;
  readonly device: 'auto' | 'cpu' | 'cuda';
  readonly python?: string;
}

/** Flags that only the torch engine reads. */
const TORCH_FLAGS = ['nproc', 'device', 'nnodes', 'nodeRank', 'rdzvEndpoint', 'python'] as const;

const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `tfjs` or `torch` (a resumed run keeps the engine it was trained with). */
export function engineOf(opts: TrainOptions, recorded?: string): 'tfjs' | 'torch' {
  const given = opts.engine;
  if (given !== undefined && given !== 'tfjs' && given !== 'torch') {
    throw new UsageError(`--engine ${given}: choose tfjs (default) or torch`);
  }
  if (given !== undefined && recorded !== undefined && given !== recorded) {
    throw new UsageError(
      `--resume: this run was trained with --engine ${recorded}; it continues on that engine (its optimiser state is that engine's)`,
    );
  }
  const engine = (given ?? recorded ?? 'tfjs') as 'tfjs' | 'torch';
  if (engine === 'tfjs') {
    const stray = TORCH_FLAGS.filter((k) => opts[k] !== undefined);
    if (stray.length) {
      throw new UsageError(`${stray.map(flagName).join(', ')}: only with --engine torch`);
    }
  } else if (opts.backend !== undefined) {
    throw new UsageError('--backend picks a tfjs backend; with --engine torch choose --device');
  }
  return engine;
}

/** Check the torch flags; `recorded` holds what a resumed run used. */
export function torchSettings(
  opts: TrainOptions,
  recorded?: { nproc?: number; device?: string },
): TorchSettings {
  const nproc = optionalWholeNumber('--nproc', opts.nproc, 1, 1024) ?? recorded?.nproc ?? 1;
  const nnodes = optionalWholeNumber('--nnodes', opts.nnodes, 1, 1024) ?? 1;
  const nodeRank = optionalWholeNumber('--node-rank', opts.nodeRank, 0, nnodes - 1) ?? 0;
  const device = opts.device ?? recorded?.device ?? 'auto';
  if (device !== 'auto' && device !== 'cpu' && device !== 'cuda') {
    throw new UsageError(`--device ${device}: choose auto, cpu or cuda`);
  }
  const endpoint = opts.rdzvEndpoint;
  if (nnodes > 1 && (endpoint === undefined || !/^[^\s:]+:\d{1,5}$/.test(endpoint))) {
    throw new UsageError(
      `--nnodes ${nnodes}: give node 0's address as --rdzv-endpoint HOST:PORT (the same on every node)`,
    );
  }
  if (nnodes === 1 && (endpoint !== undefined || opts.nodeRank !== undefined)) {
    throw new UsageError('--rdzv-endpoint and --node-rank go with --nnodes N (N > 1)');
  }
  return {
    topology: { nproc, nnodes, nodeRank, ...(endpoint ? { endpoint } : {}) },
    device,
    ...(opts.python !== undefined ? { python: opts.python } : {}),
  };
}
