/**
 * Completion: built-in layers (with their signatures and docs), the file's own cells and
 * models, keywords, and inside a call the layer's argument names.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { BUILTIN_LAYERS, signatureOf, type LayerDef } from '@seqlab/compiler';
import { KEYWORDS } from '@seqlab/syntax';
import { completionContextAt } from './completion-context.js';

/** Names declared in the current file (cells and models), supplied by the compile loop. */
export type LocalNames = () => {
  readonly cells: readonly string[];
  readonly values: readonly string[];
};

function layerOption(def: LayerDef): Completion {
  return {
    label: def.name,
    type: 'function',
    detail: signatureOf(def).replace(/^[^(]*/, ''),
    info: def.doc,
    boost: 2,
  };
}

/** The options at `pos` (pure over text; the CodeMirror source wraps it). */
export function completionsAt(
  text: string,
  pos: number,
  local: ReturnType<LocalNames>,
): { from: number; options: Completion[] } | undefined {
  const ctx = completionContextAt(text, pos);
  if (!ctx) return undefined;
  if (ctx.kind === 'arg') {
    const def = BUILTIN_LAYERS.get(ctx.callee);
    if (!def) return undefined;
    const options = def.args
      .filter((a) => !ctx.given.includes(a.name))
      .map((a): Completion => ({
        label: a.name,
        apply: `${a.name} = `,
        type: 'property',
        detail: a.default === undefined ? 'required' : `= ${JSON.stringify(a.default)}`,
        ...(a.doc ? { info: a.doc } : {}),
        ...(a.choices
          ? { info: `${a.doc ? `${a.doc}; ` : ''}one of ${a.choices.join(', ')}` }
          : {}),
      }));
    return options.length ? { from: ctx.from, options } : undefined;
  }
  const options: Completion[] = [...BUILTIN_LAYERS.values()].map(layerOption);
  for (const c of local.cells) options.push({ label: c, type: 'class', detail: 'cell', boost: 1 });
  if (!ctx.afterPipe) {
    for (const v of local.values) options.push({ label: v, type: 'variable' });
    for (const k of KEYWORDS) options.push({ label: k, type: 'keyword', boost: -1 });
  }
  return { from: ctx.from, options };
}

/** The CodeMirror completion source. */
export function seqCompletionSource(local: LocalNames) {
  return (cx: CompletionContext): CompletionResult | null => {
    const text = cx.state.doc.toString();
    const r = completionsAt(text, cx.pos, local());
    if (!r) return null;
    // Only pop up unasked when something is being typed or right after `|>` / `(`.
    if (!cx.explicit && r.from === cx.pos && !/(?:\|>\s*|[(,]\s*)$/.test(text.slice(0, cx.pos))) {
      return null;
    }
    return { from: r.from, options: r.options, validFor: /^\w*$/ };
  };
}
