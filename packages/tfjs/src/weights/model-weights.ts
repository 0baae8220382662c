/**
 * A compiled model's weights as safetensors with the PyTorch state_dict names and layouts
 * the IR already uses (`gru0.weight_ih_l0` `[3H, in]`), and loading them back with errors
 * that name the tensor and both shapes.
 */
import type { CompiledModel } from '../types.js';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors.js';

/** Every parameter of `model`, read back from the backend. */
export async function readWeights(model: CompiledModel): Promise<NamedTensor[]> {
  const out: NamedTensor[] = [];
  for (const [name, v] of model.variables) {
    out.push({ name, shape: v.shape, data: (await v.data()) as Float32Array });
  }
  return out;
}

/** The weights of `model` as a safetensors file. */
export async function saveWeights(
  model: CompiledModel,
  metadata: Readonly<Record<string, string>> = {},
): Promise<Uint8Array> {
  return encodeSafetensors(await readWeights(model), { format: 'pt', ...metadata });
}

/**
 * Assign weights from a safetensors file. Returns the problems (missing, unexpected or
 * mis-shaped tensors); nothing is assigned unless every tensor fits.
 */
export function loadWeights(model: CompiledModel, bytes: Uint8Array): string[] {
  const decoded = decodeSafetensors(bytes);
  if (!decoded.ok) return [decoded.error];
  const problems: string[] = [];
  for (const [name, v] of model.variables) {
    const t = decoded.tensors.get(name);
    if (!t) problems.push(`missing tensor ${name} (expected shape [${v.shape.join(', ')}])`);
    else if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
      problems.push(
        `tensor ${name} has shape [${t.shape.join(', ')}] but the model needs [${v.shape.join(', ')}]`,
      );
    }
  }
  for (const name of decoded.tensors.keys()) {
    if (!model.variables.has(name))
      problems.push(`unexpected tensor ${name} (the model has no such parameter)`);
  }
  if (problems.length > 0) return problems;
  const tf = model.tf;
  for (const [name, v] of model.variables) {
    const t = decoded.tensors.get(name);
    if (!t) continue;
    const value = tf.tensor(t.data, [...t.shape], 'float32');
    v.assign(value);
    value.dispose();
  }
  return [];
}
