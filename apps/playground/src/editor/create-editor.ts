/**
 * The CodeMirror 6 editor for `.seq`: the language's own highlighting, compiler
 * diagnostics as markers (set from outside, after each debounced compile), shape hovers,
 * completion, and a format command (Shift-Alt-F).
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentUnit } from '@codemirror/language';
import {
  lintGutter,
  lintKeymap,
  setDiagnostics,
  type Action,
  type Diagnostic as CmDiagnostic,
} from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { DiagnosticItem } from './diagnostic-items.js';
import type { HoverInfo } from './hover-info.js';
import { seqCompletionSource, type LocalNames } from './seq-completion.js';
import { seqHighlight } from './seq-highlight.js';

/** What the editor calls back with. */
export interface EditorHooks {
  onChange(text: string): void;
  onCursor(line: number, col: number): void;
  /** The hover at a document offset, from the latest compile. */
  hoverAt(offset: number): HoverInfo | undefined;
  localNames: LocalNames;
  /** Format the document (the toolbar button calls the same). */
  onFormat(): void;
}

/** The editor's handle. */
export interface SeqEditor {
  readonly view: EditorView;
  text(): string;
  /** Replace the whole document (example switch, format, a loaded run). */
  setText(text: string): void;
  showDiagnostics(items: readonly DiagnosticItem[]): void;
  /** Select a range and scroll it into view (clicking a problem or a table row). */
  reveal(from: number, to: number): void;
}

/** Create the editor inside `parent`. */
export function createEditor(parent: HTMLElement, initial: string, hooks: EditorHooks): SeqEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc: initial, extensions: editorExtensions(hooks) }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    showDiagnostics: (items) => showDiagnostics(view, items),
    reveal(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
        scrollIntoView: true,
      });
      view.focus();
    },
  };
}

/** Everything the editor does beyond holding text: highlighting, hovers, keys, callbacks. */
function editorExtensions(hooks: EditorHooks): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    bracketMatching(),
    closeBrackets(),
    indentUnit.of('  '),
    EditorState.tabSize.of(2),
    seqHighlight,
    // The pane is narrow: wrap long comment lines rather than scroll sideways.
    EditorView.lineWrapping,
    lintGutter(),
    shapeHover(hooks),
    autocompletion({ override: [seqCompletionSource(hooks.localNames)], icons: false }),
    keymap.of([
      { key: 'Shift-Alt-f', run: () => (hooks.onFormat(), true) },
      ...closeBracketsKeymap,
      ...completionKeymap,
      ...lintKeymap,
      ...historyKeymap,
      indentWithTab,
      ...defaultKeymap,
    ]),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.onChange(u.state.doc.toString());
      if (u.docChanged || u.selectionSet) {
        const head = u.state.selection.main.head;
        const line = u.state.doc.lineAt(head);
        hooks.onCursor(line.number, head - line.from + 1);
      }
    }),
    EditorView.contentAttributes.of({ 'aria-label': '.seq model source', spellcheck: 'false' }),
  ];
}

/** The shape hover: what the latest compile knows about the name under the pointer. */
function shapeHover(hooks: EditorHooks): Extension {
  return hoverTooltip((_view, pos) => {
    const info = hooks.hoverAt(pos);
    if (!info) return null;
    return {
      pos: info.from,
      end: info.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-shape-hover';
        dom.textContent = info.text;
        return { dom };
      },
    };
  });
}

/** A quick fix in the lint tooltip: replace the marked name with the suggestion. */
function replaceWith(suggestion: string): Action {
  return {
    name: `Change to ${suggestion}`,
    apply: (view, from, to) => view.dispatch({ changes: { from, to, insert: suggestion } }),
  };
}

/** Show compiler diagnostics as markers, clamped to the document (it may have shrunk since). */
function showDiagnostics(view: EditorView, items: readonly DiagnosticItem[]): void {
  const length = view.state.doc.length;
  const diags: CmDiagnostic[] = items.map((d) => ({
    from: Math.min(d.from, length),
    to: Math.min(d.to, length),
    severity: d.severity === 'note' ? 'info' : d.severity,
    message: `${d.code}: ${d.message}${d.hint ? `\n${d.hint}` : ''}`,
    source: d.code,
    ...(d.suggestion !== undefined ? { actions: [replaceWith(d.suggestion)] } : {}),
  }));
  view.dispatch(setDiagnostics(view.state, diags));
}
