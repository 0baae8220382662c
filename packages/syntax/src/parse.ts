/**
 * The parse driver: text → `Program` + diagnostics, never an exception for bad input.
 *
 * Top-level items are parsed one at a time: the token stream is cut before every `model`,
 * `cell`, `train` and `import` keyword (they can appear nowhere else), and each piece goes
 * through the one parser. However broken an item is, the next one starts clean, so a
 * missing `}` in one model never hides an error three models later.
 */
import type { Diagnostic } from '@seqlab/diagnostics';
import { diagnosticOf } from '@seqlab/diagnostics';
import { tokenMatcher } from 'chevrotain';
import type { IToken } from 'chevrotain';
import type { Comment, Program, TopItem } from './ast.js';
import { AstBuilder } from './ast-builder.js';
import { SYNTAX_DIAGNOSTICS, type SyntaxDiagnostic } from './codes.js';
import type { TopItemCstNode } from './cst-types.js';
import { lex } from './lexer.js';
import {
  MAX_SOURCE_CHARS,
  MAX_SYNTAX_ERRORS,
  MAX_TOKENS,
  findBinaryText,
  findLimitBreach,
} from './limits.js';
import { toDiagnostic } from './parse-errors.js';
import { ErrorBudgetSpent, seqParser } from './parser.js';
import { tokenSpan } from './spans.js';
import { Tok } from './tokens.js';

/** What `parse` returns: always a Program (partial when there are errors). */
export interface ParseResult {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
}

/** `parse` plus the significant tokens, for the formatter. */
export interface DetailedParseResult extends ParseResult {
  readonly tokens: readonly IToken[];
}

const TOP_KEYWORDS = [Tok.Model, Tok.Cell, Tok.Train, Tok.Import];

function isTopKeyword(t: IToken): boolean {
  return TOP_KEYWORDS.some((k) => tokenMatcher(t, k));
}

/** Cut `tokens` before every top-level keyword. */
function splitItems(tokens: readonly IToken[]): IToken[][] {
  const chunks: IToken[][] = [];
  let current: IToken[] = [];
  for (const [i, t] of tokens.entries()) {
    // `train = 500` is an option name (adding(train = 500)), not a new train block.
    const next = tokens[i + 1];
    const isName = next !== undefined && tokenMatcher(next, Tok.Equals);
    if (isTopKeyword(t) && !isName && current.length > 0) {
      chunks.push(current);
      current = [];
    }
    current.push(t);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function itemLabel(chunk: readonly IToken[]): string {
  const [kw, name] = chunk;
  const kind = kw?.image === 'train' ? 'train block' : (kw?.image ?? 'item');
  if (kw?.image === 'import') return 'the import';
  return name && tokenMatcher(name, Tok.Identifier) ? `${kind} \`${name.image}\`` : kind;
}

/**
 * Keep one diagnostic per start offset (the first: lexical ones come first and are the
 * most specific), and drop parse errors that only echo a lexical one: right after
 * characters the lexer threw away, or right after an unterminated string (which swallowed
 * the rest of its line).
 */
function dedupe(
  lexical: readonly Diagnostic[],
  parsed: readonly Diagnostic[],
  tokens: readonly IToken[],
): Diagnostic[] {
  const dropped = lexical.filter((d) => d.code === SYNTAX_DIAGNOSTICS.unexpectedCharacter.code);
  // Binary search: a garbage file has as many diagnostics as tokens.
  const previous = (offset: number): IToken | undefined => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as IToken).startOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? tokens[lo - 1] : undefined;
  };
  const echoes = (d: Diagnostic): boolean => {
    const prev = previous(d.span.start);
    if (prev?.tokenType === Tok.UnterminatedString) return true;
    const gapStart = prev ? prev.startOffset + prev.image.length : 0;
    return dropped.some((x) => x.span.start >= gapStart && x.span.start <= d.span.start);
  };
  const seen = new Set<number>();
  const out: Diagnostic[] = [];
  for (const d of [...lexical, ...parsed.filter((p) => !echoes(p))]) {
    if (seen.has(d.span.start)) continue;
    seen.add(d.span.start);
    out.push(d);
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * Parse one top-level item. An item that nests deeper than the limits is parsed only up to
 * the offending token (the recursive parser and tree walks would overflow the stack past
 * it); that one diagnostic replaces the follow-on errors of the cut, and the item's span
 * covers the whole chunk so that the compiler knows it is broken.
 */
function parseItem(
  chunk: readonly IToken[],
  next: IToken | undefined,
  text: string,
  file: string,
  out: Diagnostic[],
  budget: number,
): TopItem | undefined {
  const breach = findLimitBreach(chunk);
  const tokens = breach ? chunk.slice(0, breach.cut) : chunk;
  // Chevrotain throws an Error per recognition failure; capturing their stacks was most
  // of the time spent on a garbage file. Nothing reads those stacks.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  seqParser.errorBudget = budget;
  let cst: TopItemCstNode | undefined;
  try {
    cst = seqParser.parseTopItem([...tokens], text);
  } catch (e) {
    if (!(e instanceof ErrorBudgetSpent)) throw e;
  } finally {
    Error.stackTraceLimit = limit;
  }
  const ctx = { file, text, tokens, next, itemLabel: itemLabel(chunk) };
  if (breach) {
    const at = chunk[breach.index] as IToken;
    out.push(
      diagnosticOf(SYNTAX_DIAGNOSTICS[breach.name], breach.message, tokenSpan(file, at), {
        hint: 'split it into named steps (`a = ...`), see "Limits" in docs/language.md',
      }),
    );
  } else {
    for (const e of seqParser.errors) {
      const d = toDiagnostic(e, ctx);
      if (d) out.push(d);
    }
  }
  if (!cst) return undefined; // the budget ran out: what was recorded is reported
  const builder = new AstBuilder(file);
  const item = builder.buildTopItem(cst);
  if (!breach) out.push(...builder.diagnostics);
  if (!item || !breach) return item;
  const last = chunk[chunk.length - 1] as IToken;
  return { ...item, span: { ...item.span, end: last.startOffset + last.image.length } };
}

/**
 * Parse the items of `chunks` until `budget` syntax errors are recorded; `stoppedAt` is
 * where reading stopped, if it did.
 */
function parseChunks(
  chunks: readonly IToken[][],
  budget: number,
  text: string,
  file: string,
): { items: TopItem[]; parsed: Diagnostic[]; stoppedAt: number | undefined } {
  const parsed: Diagnostic[] = [];
  const items: TopItem[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as IToken[];
    const first = chunk[0];
    if (!first) continue;
    if (parsed.length >= budget) return { items, parsed, stoppedAt: first.startOffset };
    if (!isTopKeyword(first)) {
      // Junk before the first item: one diagnostic for the lot (stray `;` are fine).
      const bad = chunk.find((t) => !tokenMatcher(t, Tok.Semicolon));
      if (bad) {
        parsed.push(
          diagnosticOf(
            SYNTAX_DIAGNOSTICS.unexpectedToken,
            `unexpected \`${bad.image}\`: expected \`model\`, \`cell\`, \`train\` or \`import\``,
            tokenSpan(file, bad),
          ),
        );
      }
      continue;
    }
    const item = parseItem(chunk, chunks[i + 1]?.[0], text, file, parsed, budget - parsed.length);
    if (item) items.push(item);
  }
  return { items, parsed, stoppedAt: undefined };
}

/** Parse and also return the tokens (the formatter needs brace positions). */
export function parseDetailed(text: string, file: string): DetailedParseResult {
  const refuse = (name: SyntaxDiagnostic, message: string, at: number): DetailedParseResult => ({
    program: { kind: 'Program', items: [], comments: [], span: { file, start: 0, end: 0 } },
    diagnostics: [diagnosticOf(SYNTAX_DIAGNOSTICS[name], message, { file, start: at, end: at })],
    tokens: [],
  });
  if (text.length > MAX_SOURCE_CHARS) {
    const size = text.length.toLocaleString('en-US');
    const limit = MAX_SOURCE_CHARS.toLocaleString('en-US');
    return refuse('fileTooLarge', `file too large: ${size} characters; the limit is ${limit}`, 0);
  }
  // One diagnostic, not one per byte: a renamed executable is not a broken model.
  const binary = findBinaryText(text);
  if (binary) return refuse('notText', binary.message, binary.offset);
  const lexed = lex(text, file, MAX_SYNTAX_ERRORS + 1, MAX_TOKENS);
  const extra = lexed.tokens[MAX_TOKENS];
  if (extra) {
    const limit = MAX_TOKENS.toLocaleString('en-US');
    return refuse(
      'fileTooLarge',
      `file too large: more than ${limit} tokens (this is the first past the limit)`,
      extra.startOffset,
    );
  }
  // Past MAX_SYNTAX_ERRORS, the rest of the file is not parsed: a garbage file would
  // otherwise cost one recovery per token, and nobody reads the 52,310th error.
  const lexical = lexed.diagnostics.slice(0, MAX_SYNTAX_ERRORS);
  const lexicalStop = lexed.diagnostics[MAX_SYNTAX_ERRORS]?.span.start;
  const chunks = splitItems(lexed.tokens);
  const {
    items,
    parsed,
    stoppedAt: parseStop,
  } = lexicalStop === undefined
    ? parseChunks(chunks, MAX_SYNTAX_ERRORS - lexical.length, text, file)
    : { items: [], parsed: [], stoppedAt: undefined };
  let stoppedAt = lexicalStop ?? parseStop;
  let diagnostics = dedupe(lexical, parsed, lexed.tokens);
  const over = diagnostics[MAX_SYNTAX_ERRORS];
  if (over) {
    // The last item parsed may have overshot the budget (builder checks come on top).
    stoppedAt = Math.min(stoppedAt ?? Infinity, over.span.start);
    diagnostics = diagnostics.slice(0, MAX_SYNTAX_ERRORS);
  }
  if (stoppedAt !== undefined) {
    diagnostics.push(
      diagnosticOf(
        SYNTAX_DIAGNOSTICS.tooManySyntaxErrors,
        `too many syntax errors: stopped after ${MAX_SYNTAX_ERRORS}; the rest of the file was not read`,
        { file, start: stoppedAt, end: stoppedAt },
        { hint: 'fix the errors above first (is this a .seq file?)' },
      ),
    );
  }
  const comments: Comment[] = lexed.comments.map((c) => ({
    text: c.image,
    span: tokenSpan(file, c),
  }));
  return {
    program: { kind: 'Program', items, comments, span: { file, start: 0, end: text.length } },
    diagnostics,
    tokens: lexed.tokens,
  };
}

/**
 * Parse `.seq` source text. Always returns a Program (partial when there are errors) and
 * every problem found as a diagnostic with a stable code; never throws for bad input.
 */
export function parse(text: string, file: string): ParseResult {
  const { program, diagnostics } = parseDetailed(text, file);
  return { program, diagnostics };
}
