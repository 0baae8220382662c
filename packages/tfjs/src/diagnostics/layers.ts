/**
 * The recurrent layers of a module as the diagnostics see them: every direction of every
 * layer of a built-in rnn/lstm/gru, and every top-level scan (user cell). Each one is
 * matched to the probe sites the lowering reports (node id + index).
 */
import { isRecurrent, type IrModule, type Node, type RecurrentName } from '@seqlab/ir';

/** One recurrent layer (one direction). */
export interface RecurrentLayer {
  readonly name: string;
  readonly node: Node;
  readonly op: RecurrentName | 'scan';
  readonly layer: number;
  readonly direction: 'forward' | 'reverse';
  /** Probe-site index: `layer * dirs + direction` for built-ins (the state index for scans). */
  readonly index: number;
  /** State names carried by this layer (`h` for built-ins; a cell's states in order). */
  readonly states: readonly string[];
}

/** Every top-level recurrent layer of `module`, in graph order. */
export function recurrentLayers(module: IrModule): RecurrentLayer[] {
  const out: RecurrentLayer[] = [];
  for (const node of module.graph.nodes) {
    if (isRecurrent(node.op)) {
      const layers = Number(node.attrs['layers'] ?? 1);
      const dirs = node.attrs['bidirectional'] === true ? 2 : 1;
      for (let l = 0; l < layers; l++) {
        for (let d = 0; d < dirs; d++) {
          const suffix = d === 1 ? '_reverse' : '';
          out.push({
            name: layers === 1 && dirs === 1 ? node.name : `${node.name}.l${l}${suffix}`,
            node,
            op: node.op,
            layer: l,
            direction: d === 1 ? 'reverse' : 'forward',
            index: l * dirs + d,
            states: ['h'],
          });
        }
      }
    } else if (node.op === 'scan') {
      const names = node.attrs['state_names'];
      out.push({
        name: node.name,
        node,
        op: 'scan',
        layer: 0,
        direction: node.attrs['reverse'] === true ? 'reverse' : 'forward',
        index: 0,
        states: Array.isArray(names) ? names.map(String) : [],
      });
    }
  }
  return out;
}

/** The key of a probe site: node id, index and state name. */
export function siteKey(node: string, index: number, state: string): string {
  return `${node}#${index}#${state}`;
}

/** Probe-site keys of a layer, by state name. */
export function layerSites(layer: RecurrentLayer): Map<string, string> {
  if (layer.op !== 'scan') return new Map([['h', siteKey(layer.node.id, layer.index, 'h')]]);
  return new Map(layer.states.map((s, i) => [s, siteKey(layer.node.id, i, s)]));
}
