/**
 * The canonical formatter. It prints the AST (so layout is canonical by construction) and
 * puts every comment back where the reader expects it:
 * - an own-line comment stays on its own line before what follows it, in the same block;
 * - an end-of-line comment stays at the end of its statement's line;
 * - comments at the end of a block stay there; a comment after `{` stays after `{`;
 * - a comment *inside* a statement or item header (which are printed on one line) moves to
 *   its own line just before it.
 * Blank lines: one between top items; up to one kept where the user had some elsewhere.
 * It refuses files with syntax errors: printing a partial tree would lose code.
 */
import type { Diagnostic, Span } from '@seqlab/diagnostics';
import { hasErrors } from '@seqlab/diagnostics';
import { tokenMatcher } from 'chevrotain';
import type { IToken } from 'chevrotain';
import type {
  CellStmt,
  Comment,
  Expr,
  HyperParam,
  ModelStmt,
  PipeExpr,
  Program,
  Setting,
  TopItem,
} from './ast.js';
import { parseDetailed } from './parse.js';
import { printExpr, printString, printType, type PipeLayout } from './print-expr.js';
import { Tok } from './tokens.js';

/** What `format` returns: the text, or no text and the reasons. */
export interface FormatResult {
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

const INDENT = '  ';
const EOL_COMMENT_GAP = '  ';

type Stmt = ModelStmt | CellStmt | Setting;

/** A run of output lines standing for one source element, with its source extent. */
interface Entry {
  readonly start: number;
  readonly end: number;
  readonly lines: string[];
  readonly item?: TopItem;
}

function printStmt(s: Stmt, layout: PipeLayout): string {
  switch (s.kind) {
    case 'InputDecl':
      return `input ${s.name.name}: ${printType(s.type)}`;
    case 'OutputDecl':
      return `output ${s.names.map((n) => n.name).join(', ')}`;
    case 'AssignStmt':
      return `${s.targets.map((t) => t.name).join(', ')} = ${printExpr(s.value, layout)}`;
    case 'ArrowStmt': {
      // A statement starting with `-` would continue the previous line's expression.
      const value = printExpr(s.value, layout);
      const safe = value.startsWith('-') ? `(${value})` : value;
      return `${safe} -> ${s.targets.map((t) => t.name).join(', ')}`;
    }
    case 'ParamDecl':
    case 'StateDecl': {
      const init = s.init ? ` = ${printExpr(s.init)}` : '';
      return `${s.kind === 'ParamDecl' ? 'param' : 'state'} ${s.name.name}: ${printType(s.type)}${init}`;
    }
    case 'EmitStmt':
      return `emit ${printExpr(s.value)}`;
    case 'Setting':
      return `${s.key.name} = ${printExpr(s.value)}`;
  }
}

function printParams(params: readonly HyperParam[]): string {
  if (params.length === 0) return '';
  const ps = params.map((p) =>
    p.default ? `${p.name.name} = ${printExpr(p.default)}` : p.name.name,
  );
  return `(${ps.join(', ')})`;
}

function printHeader(item: Exclude<TopItem, { kind: 'ImportDecl' }>): string {
  switch (item.kind) {
    case 'ModelDecl':
      return `model ${item.name.name}${printParams(item.params)} {`;
    case 'CellDecl':
      return `cell ${item.name.name}${printParams(item.params)} {`;
    case 'TrainDecl': {
      const d = item.dataset;
      const ds =
        d.kind === 'StringLiteral'
          ? printString(d.value)
          : d.kind === 'CallExpr'
            ? printExpr(d)
            : d.name;
      return `train ${item.model.name} on ${ds} {`;
    }
  }
}

const inside = (c: Comment, s: Span): boolean => s.start < c.span.start && c.span.start < s.end;

class Printer {
  constructor(
    private readonly text: string,
    private readonly tokens: readonly IToken[],
  ) {}

  private newlinesBetween(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) if (this.text.charCodeAt(i) === 10) n++;
    return n;
  }

  /** Did the user leave a blank line between offsets `from` and `to`? */
  private blankBetween(from: number, to: number): boolean {
    return this.newlinesBetween(from, to) >= 2;
  }

  /**
   * Attach `comments` to the elements (statements or items) they sit in or after: inner
   * comments go before the element, same-line ones after it, the rest stand alone.
   * `afterOpen` is where a same-line comment before the first element would attach.
   */
  private entries<E extends { span: Span }>(
    elements: readonly E[],
    comments: readonly Comment[],
    print: (e: E, inner: readonly Comment[]) => string[],
    afterOpen?: number,
  ): { entries: Entry[]; openComment?: Comment } {
    const inner = new Map<E, Comment[]>();
    const trailing = new Map<E, Comment>();
    const alone: Comment[] = [];
    let openComment: Comment | undefined;
    for (const c of comments) {
      const container = elements.find((e) => inside(c, e.span));
      if (container) {
        inner.set(container, [...(inner.get(container) ?? []), c]);
        continue;
      }
      const prev = elements.filter((e) => e.span.end <= c.span.start).at(-1);
      if (prev && !trailing.has(prev) && this.newlinesBetween(prev.span.end, c.span.start) === 0) {
        trailing.set(prev, c);
      } else if (
        !prev &&
        afterOpen !== undefined &&
        this.newlinesBetween(afterOpen, c.span.start) === 0
      ) {
        openComment = c;
      } else {
        alone.push(c);
      }
    }
    const entries: Entry[] = [
      ...elements.map((e) => {
        const t = trailing.get(e);
        const lines = print(e, inner.get(e) ?? []);
        const last = lines.length - 1;
        if (t) lines[last] = `${lines[last] ?? ''}${EOL_COMMENT_GAP}${t.text}`;
        const item = 'kind' in e && isTopItem(e) ? e : undefined;
        return {
          start: e.span.start,
          end: t ? t.span.end : e.span.end,
          lines,
          ...(item ? { item } : {}),
        };
      }),
      ...alone.map((c) => ({ start: c.span.start, end: c.span.end, lines: [c.text] })),
    ].sort((a, b) => a.start - b.start);
    return openComment ? { entries, openComment } : { entries };
  }

  /** Keep the user's line breaks before `|>` in a statement's pipeline. */
  private readonly pipeLayout: PipeLayout = {
    breakBefore: (pipe) => this.newlinesBetween(pipe.left.span.end, pipe.right.span.start) > 0,
    indent: INDENT,
  };

  /**
   * A statement's lines. Its inner comments move before it, except a comment ending a line
   * of a multi-line pipeline, which stays at the end of that line.
   */
  private stmtLines = (s: Stmt, inner: readonly Comment[]): string[] => {
    const lines = printStmt(s, this.pipeLayout).split('\n');
    const value = s.kind === 'AssignStmt' || s.kind === 'ArrowStmt' ? s.value : undefined;
    const breaks = value ? pipeSpine(value).filter((p) => this.pipeLayout.breakBefore(p)) : [];
    const before: Comment[] = [];
    for (const c of inner) {
      // Printed line i ends where break i starts; only a comment on that same line may stay.
      const i = breaks.findIndex(
        (p) =>
          c.span.start >= p.left.span.end &&
          c.span.end <= p.right.span.start &&
          this.newlinesBetween(p.left.span.end, c.span.start) === 0,
      );
      const line = lines[i];
      if (i >= 0 && line !== undefined) lines[i] = `${line}${EOL_COMMENT_GAP}${c.text}`;
      else before.push(c);
    }
    return [...before.map((c) => c.text), ...lines];
  };

  private itemLines = (item: TopItem, comments: readonly Comment[]): string[] => {
    if (item.kind === 'ImportDecl')
      return [...comments.map((c) => c.text), `import ${printString(item.path.value)}`];
    const open = this.tokens.find(
      (t) => t.startOffset >= item.span.start && tokenMatcher(t, Tok.LCurly),
    );
    const openAt = open ? open.startOffset : item.span.end;
    const headerComments = comments.filter((c) => c.span.start < openAt);
    const bodyComments = comments.filter((c) => c.span.start > openAt);
    const body = item.kind === 'TrainDecl' ? item.settings : item.body;
    const { entries, openComment } = this.entries<Stmt>(
      body,
      bodyComments,
      this.stmtLines,
      openAt + 1,
    );
    const header = printHeader(item);
    const lines = headerComments.map((c) => c.text);
    if (entries.length === 0 && !openComment) return [...lines, `${header}}`];
    lines.push(openComment ? `${header}${EOL_COMMENT_GAP}${openComment.text}` : header);
    entries.forEach((e, i) => {
      const prev = entries[i - 1];
      if (prev && this.blankBetween(prev.end, e.start)) lines.push('');
      lines.push(...e.lines.map((l) => INDENT + l));
    });
    lines.push('}');
    return lines;
  };

  /** Blank line before top-level entry `i`: always after an item, except import → import. */
  private topBlank(entries: readonly Entry[], i: number): boolean {
    const prev = entries[i - 1];
    const cur = entries[i];
    if (!prev || !cur) return false;
    const userBlank = this.blankBetween(prev.end, cur.start);
    if (!prev.item) return userBlank;
    if (prev.item.kind !== 'ImportDecl') return true;
    const nextItem = entries.slice(i).find((e) => e.item)?.item;
    return nextItem && nextItem.kind !== 'ImportDecl' ? true : userBlank;
  }

  print(program: Program): string {
    const { entries } = this.entries<TopItem>(program.items, program.comments, this.itemLines);
    const lines: string[] = [];
    entries.forEach((e, i) => {
      if (this.topBlank(entries, i)) lines.push('');
      lines.push(...e.lines);
    });
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }
}

/** The pipes of a statement's chain, first stage first (`a |> f |> g`: the `f` pipe, then `g`). */
function pipeSpine(e: Expr): PipeExpr[] {
  const out: PipeExpr[] = [];
  for (let cur = e; cur.kind === 'PipeExpr'; cur = cur.left) out.unshift(cur);
  return out;
}

function isTopItem(e: object): e is TopItem {
  const kind = (e as { kind?: unknown }).kind;
  return (
    kind === 'ImportDecl' || kind === 'ModelDecl' || kind === 'CellDecl' || kind === 'TrainDecl'
  );
}

/**
 * Format `.seq` source canonically (2-space indent, one statement per line, spaces around
 * operators, minimal parentheses, numbers as written, comments kept). Idempotent, and
 * `parse(format(x))` equals `parse(x)` up to spans. With syntax errors it returns no text,
 * only the diagnostics.
 */
export function format(text: string, file = '<input>'): FormatResult {
  const { program, diagnostics, tokens } = parseDetailed(text, file);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { text: new Printer(text, tokens).print(program), diagnostics };
}
