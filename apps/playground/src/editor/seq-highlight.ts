/**
 * `.seq` highlighting driven by the language's own lexer (`tokenize` from @seqlab/syntax),
 * so the colours can never disagree with what the compiler reads. Identifiers that name a
 * built-in layer get their own class: in a pipeline they are the verbs.
 */
import { RangeSetBuilder } from '@codemirror/state';
import {
  Decoration,
  ViewPlugin,
  type DecorationSet,
  type EditorView,
  type ViewUpdate,
} from '@codemirror/view';
import { BUILTIN_LAYERS } from '@seqlab/compiler';
import { tokenize } from '@seqlab/syntax';

/** A token's highlight class (`tok-keyword`, `tok-layer`, ...). */
export interface HighlightSpan {
  readonly from: number;
  readonly to: number;
  readonly cls: string;
}

/** The highlight spans of `text`, in order. Pure, so it is tested without a DOM. */
export function highlightSpans(text: string): HighlightSpan[] {
  const out: HighlightSpan[] = [];
  for (const t of tokenize(text).tokens) {
    if (t.end <= t.start) continue;
    let cls: string = t.type;
    if (t.type === 'identifier' && BUILTIN_LAYERS.has(t.text)) cls = 'layer';
    if (t.type === 'operator' && (t.text === '|>' || t.text === '->')) cls = 'pipe';
    out.push({ from: t.start, to: t.end, cls: `tok-${cls}` });
  }
  // Comments come from a separate lexer channel: merge them into document order.
  return out.sort((a, b) => a.from - b.from);
}

const marks = new Map<string, Decoration>();
function mark(cls: string): Decoration {
  let m = marks.get(cls);
  if (!m) marks.set(cls, (m = Decoration.mark({ class: cls })));
  return m;
}

function build(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const length = view.state.doc.length;
  for (const s of highlightSpans(view.state.doc.toString())) {
    if (s.to <= length) builder.add(s.from, s.to, mark(s.cls));
  }
  return builder.finish();
}

/** The CodeMirror extension. Models are short, so the whole document is re-lexed. */
export const seqHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged) this.decorations = build(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);
