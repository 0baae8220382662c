/** The torch engine's part of preparing a run: its Python, its job and its session. */
import { join } from 'node:path';
import type { DataBinding, TrainingSession } from '@seqlab/tfjs';
import { saveWeights, type MetricName } from '@seqlab/tfjs';
import { findTorchPython, TorchUnavailableError } from '@seqlab/engine-torch';
import { UsageError } from '../io/files.js';
import type { EngineSession } from './engine-session.js';
import type { ModelAndData } from './prepare-model.js';
import { trainOptions } from './session-config.js';
import { torchEngine } from './torch-engine.js';
import type { TorchSettings } from './torch-options.js';

/** The Python to run, after checking that the model is one the engine can train. */
export function torchPythonFor(what: ModelAndData, settings: TorchSettings): string {
  try {
    const found = findTorchPython(settings.python);
    if (settings.device === 'cuda' && !found.cuda) {
      throw new UsageError(
        `--device cuda: ${found.path} has torch ${found.torch} without a CUDA device; use --device cpu (or auto)`,
      );
    }
    return found.path;
  } catch (e) {
    if (e instanceof TorchUnavailableError) throw new UsageError(e.message);
    throw e;
  }
}

/** What config.json records about the engine (a resumed run keeps it). */
export function torchRecord(s: TorchSettings) {
  return { name: 'torch' as const, nproc: s.topology.nproc, device: s.device };
}

/** Everything {@link startTorch} needs besides the tfjs session it takes weights from. */
export interface TorchStartContext {
  readonly what: ModelAndData;
  readonly binding: DataBinding;
  readonly settings: TorchSettings;
  readonly python: string;
  /** The run directory; the job folder is its `torch/`. */
  readonly dir: string;
  readonly run: { seed: number; batch: number; epochs: number; metrics: MetricName[] };
  readonly note?: (line: string) => void;
}

/** The torch session, starting from the tfjs session's initial weights (then freed). */
export async function startTorch(
  tfjs: TrainingSession,
  c: TorchStartContext,
): Promise<EngineSession> {
  const initialWeights = await saveWeights(tfjs.model);
  tfjs.dispose();
  const stepsPerEpoch = Math.ceil(c.what.dataset.splits.train.length / c.run.batch);
  const target = c.binding.target;
  return torchEngine({
    job: {
      module: c.what.module,
      dataset: c.what.dataset,
      inputs: c.binding.inputs,
      lengths: c.binding.lengths,
      target: {
        output: target.output,
        field: target.field,
        ...(target.lengthsKey !== undefined ? { lengthsKey: target.lengthsKey } : {}),
      },
      loss: c.binding.loss,
      train: trainOptions(c.what.spec, stepsPerEpoch * c.run.epochs) as Record<string, unknown>,
      seed: c.run.seed,
      batch: c.run.batch,
      epochs: c.run.epochs,
      device: c.settings.device,
    },
    jobDir: join(c.dir, 'torch'),
    python: c.python,
    topology: c.settings.topology,
    initialWeights,
    note: c.note ?? ((line) => process.stderr.write(line + '\n')),
  });
}
