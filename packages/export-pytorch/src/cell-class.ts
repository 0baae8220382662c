/**
 * A user cell as an nn.Module: its parameters (named as written, so the state_dict keys
 * are `<layer>.<name>`), seqlab's initialisers, and one method per scan that uses them:
 * `forward` for the forward direction, `forward_reverse` for a bidirectional cell's other one.
 */
import { attrsOf, formatShape, type IrModule, type Node } from '@seqlab/ir';
import { ExportError } from './errors.js';
import { initCall } from './init-code.js';
import type { ParamGroup } from './param-groups.js';
import { splitParamName } from './param-groups.js';
import { attribute, isIdentifier } from './python-names.js';
import { stepBody } from './step-body.js';

/** The method of a cell class that steps `scan`. */
export function stepMethodName(group: ParamGroup, scan: Node): string {
  const a = attrsOf(scan, 'scan');
  const index = group.scans.indexOf(scan);
  const base = a.reverse ? 'forward_reverse' : 'forward';
  // Two scans in the same direction over one group (unusual) get numbered methods.
  const same = group.scans.filter((s) => s.attrs['reverse'] === a.reverse);
  return same.length > 1 && same[0] !== scan ? `${base}_${index}` : base;
}

function describeBodyInput(scan: Node, id: string): string {
  const t = scan.body?.values[id]?.type;
  return t === undefined ? '' : ` ${formatShape(t.shape)}`;
}

/** The Python source of the class `className` for the parameter group `group`. */
export function cellClassCode(m: IrModule, className: string, group: ParamGroup): string {
  const cellNames = [...new Set(group.scans.map((s) => String(s.attrs['cell'] ?? 'cell')))];
  const lines: string[] = [
    `class ${className}(nn.Module):`,
    `    """User cell ${cellNames.join(', ')} (layer ${group.attr}): ${group.params.length > 0 ? 'its parameters and ' : ''}one time step."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
  ];
  const refs = new Map<string, string>();
  for (const full of group.params) {
    const p = m.params[full];
    if (p === undefined) continue;
    const { name } = splitParamName(full);
    const value = `nn.Parameter(torch.empty(${p.shape.join(', ')}))`;
    lines.push(
      isIdentifier(name)
        ? `        self.${name} = ${value}`
        : `        self.register_parameter(${JSON.stringify(name)}, ${value})`,
    );
    refs.set(full, attribute('self', name));
  }
  if (refs.size > 0) {
    lines.push('        self.reset_parameters()', '', '    def reset_parameters(self):');
    lines.push(`        """seqlab's initialisers (the same distributions as torch.nn.init)."""`);
    for (const full of group.params) {
      const p = m.params[full];
      if (p !== undefined) lines.push(`        ${initCall(refs.get(full) ?? '', p.init, p.shape)}`);
    }
  }
  for (const scan of group.scans) {
    const body = scan.body;
    if (body === undefined) continue;
    const a = attrsOf(scan, 'scan');
    const step = stepBody(body, a.num_sequences, a.state_names, (full) => {
      const ref = refs.get(full);
      if (ref !== undefined) return ref;
      throw new ExportError(`cell ${group.attr} reads ${full}, a parameter of another layer`);
    });
    const signature = step.args
      .map((arg, i) => `${arg}${describeBodyInput(scan, body.inputs[i] ?? '')}`)
      .join(', ');
    const states = a.state_names.length === 1 ? 'the next state' : 'the next states';
    lines.push(
      '',
      `    def ${stepMethodName(group, scan)}(self, ${step.args.join(', ')}):`,
      `        """One step${a.reverse ? ' (reverse direction)' : ''}: ${signature} -> ${states}, then the emitted value."""`,
      ...step.lines.map((l) => `        ${l}`),
      `        return ${step.returns.join(', ')}`,
    );
  }
  return lines.join('\n');
}
