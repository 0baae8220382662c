/**
 * Chevrotain recognition errors → plain-words diagnostics. The facts come from
 * error-messages.ts; the context (which model a `}` closes, which `(` a `)` closes, what
 * really follows the item) comes from the driver.
 */
import type { Diagnostic, RelatedInfo, Span } from '@seqlab/diagnostics';
import { diagnosticOf } from '@seqlab/diagnostics';
import { tokenMatcher } from 'chevrotain';
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import { SYNTAX_DIAGNOSTICS, type SyntaxDiagnostic } from './codes.js';
import { decodeFacts } from './error-messages.js';
import { isRealToken, offsetSpan, tokenSpan } from './spans.js';
import { Tok, allTokens } from './tokens.js';

/** Where a chunk (one top-level item) sits in the file. */
export interface ChunkContext {
  readonly file: string;
  readonly text: string;
  /** The chunk's tokens, as given to the parser. */
  readonly tokens: readonly IToken[];
  /** The first token after the chunk (the next item's keyword), if any. */
  readonly next: IToken | undefined;
  /** E.g. "model `Foo`". */
  readonly itemLabel: string;
}

const LABELS = new Map<string, string>(allTokens.map((t) => [t.name, t.LABEL ?? t.name]));

const EXPRESSION_RULES = new Set([
  'expr',
  'addExpr',
  'mulExpr',
  'unaryExpr',
  'postfixExpr',
  'primary',
  'argument',
  'callOrName',
]);

const OPERATOR_IMAGES = new Set([
  '|>',
  '->',
  '=',
  '<',
  '+',
  '-',
  '*',
  '/',
  '@',
  ',',
  ':',
  '(',
  '[',
]);

const CLOSER_OF: ReadonlyMap<string, { open: TokenType; close: TokenType; image: string }> =
  new Map([
    ['RParen', { open: Tok.LParen, close: Tok.RParen, image: '(' }],
    ['RBracket', { open: Tok.LBracket, close: Tok.RBracket, image: '[' }],
    ['RCurly', { open: Tok.LCurly, close: Tok.RCurly, image: '{' }],
  ]);

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "what was expected", in words, from the failing rule and the accepted token types. */
function describeExpected(rule: string, expected: readonly string[], kind: string): string {
  if (kind !== 'mismatch') {
    if (EXPRESSION_RULES.has(rule) || (rule === 'exprStmt' && kind === 'earlyExit'))
      return 'an expression';
    if (rule === 'slice') return 'an index or a slice like `0:4`';
    if (rule === 'statement') return 'a statement';
    if (rule === 'topItem') return '`model`, `cell`, `train` or `import`';
    if (rule === 'trainDecl') return 'a data set name or a path string';
    if (rule === 'suffix') return 'a member name';
  }
  if (rule === 'tensorType' && expected[0] === 'LBracket') return 'a tensor type like `[B, T, 4]`';
  return orList([...new Set(expected.map((n) => LABELS.get(n) ?? n))]);
}

function describeToken(t: IToken | undefined): string {
  if (!t || !isRealToken(t)) return 'end of file';
  const image = t.image.length > 24 ? `${t.image.slice(0, 21)}...` : t.image;
  return `\`${image}\``;
}

/** The opener a missing closer should close: the innermost unmatched one before `index`. */
function findOpener(
  tokens: readonly IToken[],
  index: number,
  open: TokenType,
  close: TokenType,
): IToken | undefined {
  let depth = 0;
  for (let i = Math.min(index, tokens.length) - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t) continue;
    if (tokenMatcher(t, close)) depth++;
    else if (tokenMatcher(t, open)) {
      if (depth === 0) return t;
      depth--;
    }
  }
  return undefined;
}

function diag(
  name: SyntaxDiagnostic,
  message: string,
  span: Span,
  related?: RelatedInfo[],
): Diagnostic {
  return diagnosticOf(SYNTAX_DIAGNOSTICS[name], message, span, { related });
}

/** One diagnostic for one chevrotain error, or undefined for an error we cannot read. */
export function toDiagnostic(e: IRecognitionException, ctx: ChunkContext): Diagnostic | undefined {
  const facts = decodeFacts(e.message);
  if (!facts) return undefined;
  // Past the chunk's end the parser sees EOF; the user sees the next item (or the real end).
  const found = isRealToken(e.token) ? e.token : ctx.next;
  const span = found
    ? tokenSpan(ctx.file, found)
    : offsetSpan(ctx.file, ctx.text.length, NaN, ctx.text.length);
  const foundText = describeToken(found);
  if (facts.kind === 'notAllInput') {
    return diag(
      'unexpectedToken',
      `unexpected ${foundText} after the end of ${ctx.itemLabel}`,
      span,
    );
  }
  const closer = facts.kind === 'mismatch' ? CLOSER_OF.get(facts.expected[0] ?? '') : undefined;
  if (closer) {
    const index = isRealToken(e.token) ? ctx.tokens.indexOf(e.token) : ctx.tokens.length;
    const opener = findOpener(
      ctx.tokens,
      index < 0 ? ctx.tokens.length : index,
      closer.open,
      closer.close,
    );
    const closes = closer.close === Tok.RCurly ? ctx.itemLabel : `the \`${closer.image}\``;
    const related = opener
      ? [{ message: `the \`${closer.image}\` to close`, span: tokenSpan(ctx.file, opener) }]
      : undefined;
    const want = LABELS.get(facts.expected[0] ?? '') ?? '';
    return diag(
      'unclosedBracket',
      `expected ${want} to close ${closes} but found ${foundText}`,
      span,
      related,
    );
  }
  let expected = describeExpected(facts.rule, facts.expected, facts.kind);
  const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  if (
    expected === 'an expression' &&
    prev &&
    isRealToken(prev) &&
    OPERATOR_IMAGES.has(prev.image)
  ) {
    expected += ` after \`${prev.image}\``;
  }
  if (!found) return diag('unexpectedEnd', `unexpected end of file: expected ${expected}`, span);
  return diag('unexpectedToken', `expected ${expected} but found ${foundText}`, span);
}
