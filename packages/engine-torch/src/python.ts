/**
 * Finding a Python that has torch, and the command that starts the engine's processes
 * (`python -m torch.distributed.run`, torchrun's own module, so the `torchrun` script need
 * not be on the PATH).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A Python that imports torch and numpy, and what it reported. */
export interface TorchPython {
  readonly path: string;
  readonly torch: string;
  readonly cuda: boolean;
}

/** Why no Python would do, as one line with the fix. */
export class TorchUnavailableError extends Error {}

const PROBE = 'import torch, numpy; print(torch.__version__, int(torch.cuda.is_available()))';

/** Where this package's Python code (python/seqlab_torch) lives on disk. */
export function pythonPackageDir(): string {
  const require = createRequire(import.meta.url);
  // Resolved by package name, not relative to this file: the CLI runs as one bundle from
  // apps/cli/dist, where `import.meta.url` is the bundle's, not this source file's.
  // eslint-disable-next-line @nx/enforce-module-boundaries
  return join(dirname(require.resolve('@seqlab/engine-torch/package.json')), 'python');
}

function probe(path: string): TorchPython | string {
  const r = spawnSync(path, ['-c', PROBE], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) return `${path}: not found`;
  if (r.status !== 0) {
    const last = (r.stderr ?? '').trim().split('\n').pop() ?? '';
    return `${path}: ${/No module named '?(\w+)/.exec(last)?.[1] ?? 'torch'} is missing`;
  }
  const [torch = '?', cuda = '0'] = (r.stdout ?? '').trim().split(/\s+/);
  return { path, torch, cuda: cuda === '1' };
}

/**
 * The Python to use: `explicit` (--python) only, when given; else $SEQLAB_PYTHON, `python3`
 * on the PATH, then Debian's /usr/bin/python3 (where python3-torch installs).
 */
export function findTorchPython(explicit?: string): TorchPython {
  const candidates = explicit
    ? [explicit]
    : [process.env['SEQLAB_PYTHON'], 'python3', '/usr/bin/python3'].filter(
        (p): p is string => typeof p === 'string' && p !== '',
      );
  const tried: string[] = [];
  for (const path of [...new Set(candidates)]) {
    const found = probe(path);
    if (typeof found !== 'string') return found;
    tried.push(found);
  }
  throw new TorchUnavailableError(
    `--engine torch needs Python with PyTorch and NumPy (${tried.join('; ')}): ` +
      'install them with `apt-get install python3-torch python3-numpy` or `pip install torch numpy`, ' +
      'or name a Python that has them with --python PATH',
  );
}

/** How the processes are laid out: one machine, or one node of several. */
export interface Topology {
  readonly nproc: number;
  readonly nnodes: number;
  readonly nodeRank: number;
  /** HOST:PORT of node 0 (several nodes only). */
  readonly endpoint?: string;
}

/** Arguments of `python -m torch.distributed.run` for a job folder. */
export function torchrunArgs(t: Topology, jobDir: string): string[] {
  // --redirects/--tee 2 (stderr, teed): their default "0" breaks torchrun of torch 1.13 under
  // Python 3.11 (Std.from_str finds no zero member of the flag enum), Debian's pairing.
  const args = [
    '-m',
    'torch.distributed.run',
    `--nproc_per_node=${t.nproc}`,
    '--redirects=2',
    '--tee=2',
  ];
  if (t.nnodes === 1) {
    args.push('--standalone', '--nnodes=1');
  } else {
    const endpoint = t.endpoint ?? '';
    const colon = endpoint.lastIndexOf(':');
    args.push(
      `--nnodes=${t.nnodes}`,
      `--node_rank=${t.nodeRank}`,
      `--master_addr=${endpoint.slice(0, colon)}`,
      `--master_port=${endpoint.slice(colon + 1)}`,
    );
  }
  return [...args, '-m', 'seqlab_torch', jobDir];
}
