/**
 * `exportPytorch(module)`: an IR module as a readable, self-contained Python module. The
 * class is named after the model and built from `nn.Embedding`, `nn.Linear`, `nn.Conv1d`,
 * `nn.LayerNorm`, `nn.Dropout`, `nn.RNN`, `nn.LSTM`, `nn.GRU`, and one small nn.Module per
 * user cell. Its state_dict keys and shapes are exactly the IR's parameter names, so the
 * weights seqlab writes load with `load_state_dict` unchanged.
 */
import { formatShape, type IrModule, type TensorType } from '@seqlab/ir';
import { cellClassCode, stepMethodName } from './cell-class.js';
import { ExportError } from './errors.js';
import { floatLiteral } from './expr.js';
import { forwardCode, type ForwardCode } from './forward.js';
import { nnConstructor } from './nn-modules.js';
import { paramGroups } from './param-groups.js';
import { helperCode, type HelperName } from './python-helpers.js';
import { isIdentifier, NameAllocator, toIdentifier } from './python-names.js';

/** Options of {@link exportPytorch}. */
export interface ExportOptions {
  /** Where the model came from, for the header (`examples/names.seq`). */
  readonly source?: string;
  /**
   * For truncated BPTT (the torch engine): `forward` also takes `states`, the recurrences'
   * starting states by node id, and returns `(outputs, final_states)`.
   */
  readonly carryStates?: boolean;
}

/** The generated module, or why the model cannot be exported. */
export type ExportResult =
  | {
      readonly ok: true;
      readonly code: string;
      readonly className: string;
      /** `forward`'s parameter for the starting states (with `carryStates`). */
      readonly statesParam?: string;
    }
  | { readonly ok: false; readonly error: string };

function describeType(t: TensorType | undefined): string {
  if (t === undefined) return '?';
  return t.dtype === 'int32'
    ? `${formatShape(t.shape)} int${t.vocab === undefined ? '' : ` < ${t.vocab}`}`
    : formatShape(t.shape);
}

function pyValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatLiteral(v).text;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return 'None';
}

function assign(attr: string, value: string): string {
  return isIdentifier(attr)
    ? `        self.${attr} = ${value}`
    : `        self.add_module(${JSON.stringify(attr)}, ${value})`;
}

/** Exports `m` as Python source; user-facing problems come back as `{ ok: false }`. */
export function exportPytorch(m: IrModule, opts: ExportOptions = {}): ExportResult {
  try {
    return { ok: true, ...generate(m, opts) };
  } catch (e) {
    if (e instanceof ExportError) return { ok: false, error: e.message };
    throw e;
  }
}

function generate(
  m: IrModule,
  opts: ExportOptions,
): { code: string; className: string; statesParam?: string } {
  const classNames = new NameAllocator();
  const className = classNames.fresh(m.model);
  const layers = layerModules(m, className, classNames);

  const helpers = new Set<HelperName>(['load_safetensors', 'save_safetensors']);
  const fwd = forwardCode({
    module: m,
    layerAttr: layers.layerAttr,
    stepMethod: layers.stepMethod,
    helpers,
    carryStates: opts.carryStates === true,
  });

  const build = [
    'def build_model():',
    `    """${m.model} with the hyperparameters it was exported with (the .seq defaults unless set)."""`,
    `    return ${className}()`,
  ].join('\n');

  const code = [
    header(m, className, fwd.params, [...fwd.lengths.values()], opts),
    imports(helpers),
    ...layers.classes,
    modelClass(m, className, layers.init, fwd),
    build,
    `# seqlab's semantics where PyTorch has no single built-in, and safetensors I/O.\n\n\n${helperCode(helpers)}`,
  ].join('\n\n\n');
  const states = fwd.carried === undefined ? {} : { statesParam: fwd.carried.param };
  return { code: `${code}\n`, className, ...states };
}

/** The model's submodules: what `__init__` assigns, and the cell classes it needs. */
interface LayerModules {
  /** Node id -> the attribute holding its module. */
  readonly layerAttr: Map<string, string>;
  /** Scan node id -> the method of its cell class that runs one step. */
  readonly stepMethod: Map<string, string>;
  /** `__init__` lines, in node order. */
  readonly init: string[];
  /** Cell class definitions, before the model class. */
  readonly classes: string[];
}

/**
 * One module per dropout, per built-in layer and per cell layer (each parameter group),
 * in node order. Throws {@link ExportError} for parameters no layer uses.
 */
function layerModules(m: IrModule, className: string, classNames: NameAllocator): LayerModules {
  const groups = paramGroups(m);
  const out: LayerModules = { layerAttr: new Map(), stepMethod: new Map(), init: [], classes: [] };
  const classByText = new Map<string, string>();
  const attrs = new NameAllocator();
  for (const attr of groups.keys()) attrs.reserve(attr);

  for (const node of m.graph.nodes) {
    const groupAttr = Object.values(node.params)[0]?.split('.')[0];
    if (node.op === 'dropout') {
      const attr = attrs.fresh(node.name);
      out.layerAttr.set(node.id, attr);
      out.init.push(assign(attr, `nn.Dropout(${floatLiteral(Number(node.attrs['rate'])).text})`));
    } else if (node.op === 'scan') {
      // A cell without parameters (h = tanh(w * h)) still gets a module of its own.
      const group = [...groups.values()].find((g) => g.scans.includes(node)) ?? {
        attr: attrs.fresh(node.name),
        params: [],
        scans: [node],
      };
      out.layerAttr.set(node.id, group.attr);
      out.stepMethod.set(node.id, stepMethodName(group, node));
      if (group.scans[0] !== node) continue;
      // One class per cell layer; layers of identical code and shapes share a class.
      const cell = toIdentifier(String(node.attrs['cell'] ?? 'Cell'));
      const text = cellClassCode(m, '__CLASS__', group);
      let name = classByText.get(text);
      if (name === undefined) {
        name = classNames.fresh(cell === className ? `${cell}Cell` : cell);
        classByText.set(text, name);
        out.classes.push(text.replace('__CLASS__', name));
      }
      out.init.push(assign(group.attr, `${name}()`));
    } else if (groupAttr !== undefined && groups.get(groupAttr)?.builtin === node) {
      out.layerAttr.set(node.id, groupAttr);
      out.init.push(assign(groupAttr, nnConstructor(m, node)));
    }
  }
  for (const g of groups.values()) {
    if (g.builtin === undefined && g.scans.length === 0) {
      throw new ExportError(`parameters under '${g.attr}.' are not used by any layer`);
    }
  }
  return out;
}

/** The model class: hyperparameters, `__init__` and a documented `forward`. */
function modelClass(
  m: IrModule,
  className: string,
  init: readonly string[],
  fwd: ForwardCode,
): string {
  const lengthArgs = [...fwd.lengths.values(), ...(fwd.carried ? [fwd.carried.param] : [])].map(
    (n) => `${n}=None`,
  );
  const g = m.graph;
  const inputDocs = m.inputs.map(
    (p, i) => `            ${fwd.params[i]}: ${describeType(g.values[p.value]?.type)}`,
  );
  const lengthDocs = [...fwd.lengths].map(
    ([symbol, n]) =>
      `            ${n}: [B] int, the real length of each sequence along ${symbol} (default: all ${symbol} steps)`,
  );
  const outputDocs = m.outputs.map(
    (p) => `            ${p.name}: ${describeType(g.values[p.value]?.type)}`,
  );
  const hyper = Object.entries(m.hyperparameters);
  const hyperDoc = hyper.map(([k, v]) => `${k} = ${pyValue(v)}`).join(', ');

  return [
    `class ${className}(nn.Module):`,
    `    """The seqlab model ${m.model}${hyperDoc ? ` (${hyperDoc})` : ''}."""`,
    '',
    `    hyperparameters = {${hyper.map(([k, v]) => `${JSON.stringify(k)}: ${pyValue(v)}`).join(', ')}}`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...init,
    '',
    `    def forward(self, ${[...fwd.params, ...lengthArgs].join(', ')}):`,
    '        """',
    '        Inputs (batch first):',
    ...inputDocs,
    ...lengthDocs,
    `        Returns${m.outputs.length > 1 ? ', in this order' : ''}:`,
    ...outputDocs,
    '        """',
    ...fwd.lines.map((l) => `        ${l}`),
  ].join('\n');
}

function header(
  m: IrModule,
  className: string,
  inputs: readonly string[],
  lengths: readonly string[],
  opts: ExportOptions,
): string {
  const outs = m.outputs.map((p) => toIdentifier(p.name)).join(', ');
  const call = [...inputs, ...lengths.map((l) => `${l}=${l}`)].join(', ');
  return [
    '"""',
    `${m.model}: a seqlab model as a PyTorch module${opts.source ? ` (exported from ${opts.source})` : ''}.`,
    '',
    'Generated by `seqlab export --to pytorch`. It computes what seqlab computes: tensors are',
    'batch first ([B, T, D]); with lengths, padded steps (t >= length) keep the recurrent',
    'state and emit zeros, and `last` takes step length - 1.',
    '',
    '    model = build_model()',
    '    model.load_state_dict(load_safetensors("weights.safetensors"))',
    `    ${outs} = model(${call})`,
    '    save_safetensors(model.state_dict(), "trained.safetensors")  # back to seqlab',
    '"""',
  ].join('\n');
}

function imports(helpers: ReadonlySet<HelperName>): string {
  const lines = ['import json', 'import struct', '', 'import torch', 'from torch import nn'];
  lines.push('import torch.nn.functional as F');
  if (helpers.has('run_recurrent')) {
    lines.push('from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence');
  }
  return lines.join('\n');
}
