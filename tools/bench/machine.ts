/**
 * The machine a benchmark ran on, for docs/benchmarks.md: numbers mean little without it.
 * The load average is recorded because this machine is shared: a busy neighbour shows there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, platform, arch } from 'node:os';

/** PyTorch as the peer found it. */
export interface TorchInfo {
  readonly version: string;
  readonly threads: number;
}

/** Everything the report says about the machine. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
  readonly node: string;
  readonly tfjsCore: string;
  readonly tfjsLayers: string;
  readonly torch?: TorchInfo;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly load: readonly number[];
}

/** `model name` of /proc/cpuinfo, else what Node reports. */
function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux: fall through
  }
  return cpus()[0]?.model ?? 'unknown';
}

function packageVersion(pkg: string): string {
  try {
    const require = createRequire(import.meta.url);
    const json = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as {
      version?: unknown;
    };
    return typeof json.version === 'string' ? json.version : 'unknown';
  } catch {
    return 'not installed';
  }
}

/** Describe this machine; `torch` when the PyTorch peer is available. */
export function machineInfo(torch?: TorchInfo): MachineInfo {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    os: `${platform()}/${arch()}`,
    node: process.version,
    tfjsCore: packageVersion('@tensorflow/tfjs-core'),
    tfjsLayers: packageVersion('@tensorflow/tfjs-layers'),
    ...(torch ? { torch } : {}),
    load: loadavg().map((x) => Number(x.toFixed(2))),
  };
}
