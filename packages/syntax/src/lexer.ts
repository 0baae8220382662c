/**
 * Lexing: chevrotain's lexer plus the lexical checks it cannot express (number syntax,
 * string escapes, unterminated strings). Lexical errors never stop parsing: bad characters
 * are dropped, and bad numbers and strings still reach the parser as literals.
 */
import type { Diagnostic } from '@seqlab/diagnostics';
import { diagnosticOf } from '@seqlab/diagnostics';
import { Lexer } from 'chevrotain';
import type { ILexingResult, IToken } from 'chevrotain';
import { SYNTAX_DIAGNOSTICS, type SyntaxDiagnostic } from './codes.js';
import { offsetSpan, tokenSpan } from './spans.js';
import { Tok, allTokens, tokenClassOf } from './tokens.js';
import type { TokenClass } from './tokens.js';

/** One token for syntax highlighting: its class, text and `[start, end)` offsets. */
export interface SeqToken {
  readonly type: TokenClass;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Raw lexer output for the parser: significant tokens and comments kept apart. */
export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

// Constructed once: building a chevrotain lexer analyses every pattern.
const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });

const VALID_NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n' };

function error(
  name: SyntaxDiagnostic,
  message: string,
  span: Diagnostic['span'],
  hint?: string,
): Diagnostic {
  return diagnosticOf(SYNTAX_DIAGNOSTICS[name], message, span, { hint });
}

/** Characters lexed at a time when errors may stop the lexer early (cut at line ends). */
const SLICE = 16_384;

/**
 * Chevrotain's lexer over `text` in slices cut after a newline (no token spans a line
 * end), stopping once `maxErrors` lexical errors or more than `maxTokens` tokens are found:
 * on a large file the lexer's error path is slow, and the parser reads no further anyway.
 */
function tokenizeUpTo(text: string, maxErrors: number, maxTokens: number): ILexingResult {
  const unbounded = maxErrors === Infinity && maxTokens === Infinity;
  if (unbounded || text.length <= SLICE) return lexer.tokenize(text);
  const out: ILexingResult = { tokens: [], groups: { comments: [] }, errors: [] };
  const more = (): boolean => out.errors.length < maxErrors && out.tokens.length <= maxTokens;
  for (let base = 0; base < text.length && more();) {
    const nl = text.indexOf('\n', base + SLICE);
    const end = nl < 0 ? text.length : nl + 1;
    const part = lexer.tokenize(text.slice(base, end));
    const shift = (t: IToken): IToken => {
      t.startOffset += base;
      if (t.endOffset !== undefined) t.endOffset += base;
      return t;
    };
    for (const t of part.tokens) out.tokens.push(shift(t));
    for (const c of part.groups['comments'] ?? []) out.groups['comments']?.push(shift(c));
    for (const e of part.errors) out.errors.push({ ...e, offset: e.offset + base });
    base = end;
  }
  return out;
}

/**
 * Split `text` into tokens; every problem becomes a diagnostic, never an exception. With
 * `maxErrors` or `maxTokens`, lexing may stop soon after that many errors or tokens (the
 * rest is not tokenized).
 */
export function lex(
  text: string,
  file: string,
  maxErrors = Infinity,
  maxTokens = Infinity,
): LexResult {
  const result = tokenizeUpTo(text, maxErrors, maxTokens);
  const diagnostics: Diagnostic[] = [];
  for (const e of result.errors) {
    const all = text.slice(e.offset, e.offset + e.length);
    const bad = all.length > 20 ? `${all.slice(0, 20)}…` : all;
    const what = all.length === 1 ? 'character' : 'characters';
    diagnostics.push(
      error(
        'unexpectedCharacter',
        `unexpected ${what} \`${bad}\``,
        offsetSpan(file, e.offset, e.offset + e.length - 1),
      ),
    );
  }
  for (const t of result.tokens) {
    if (t.tokenType === Tok.NumberLiteral && !VALID_NUMBER.test(t.image)) {
      diagnostics.push(
        error(
          'badNumber',
          `bad number literal \`${t.image}\``,
          tokenSpan(file, t),
          'numbers look like 64, 0.5, 3e-3 or 1.0e+2',
        ),
      );
    } else if (t.tokenType === Tok.NumberLiteral && !Number.isFinite(Number(t.image))) {
      diagnostics.push(
        error(
          'numberOutOfRange',
          `number out of range: \`${t.image}\` is larger than the largest number (about 1.8e308)`,
          tokenSpan(file, t),
        ),
      );
    } else if (t.tokenType === Tok.UnterminatedString) {
      diagnostics.push(
        error(
          'unterminatedString',
          'unterminated string: a string must end with `"` on the same line',
          tokenSpan(file, t),
        ),
      );
    }
    if (t.tokenType === Tok.StringLiteral || t.tokenType === Tok.UnterminatedString) {
      diagnostics.push(...badEscapes(t, file));
    }
  }
  return { tokens: result.tokens, comments: result.groups['comments'] ?? [], diagnostics };
}

function badEscapes(t: IToken, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 1; i < t.image.length; i++) {
    if (t.image[i] !== '\\') continue;
    const next = t.image[i + 1] ?? '';
    if (!(next in ESCAPES)) {
      const at = t.startOffset + i;
      out.push(
        error(
          'unknownEscape',
          `unknown escape sequence \`\\${next}\` in a string`,
          offsetSpan(file, at, at + 1),
          'write \\\\ for a backslash',
        ),
      );
    }
    i++;
  }
  return out;
}

/** The value of a string token: quotes removed, escapes applied (unknown ones kept as is). */
export function unescapeString(image: string): string {
  const body = image.endsWith('"') && image.length >= 2 ? image.slice(1, -1) : image.slice(1);
  return body.replace(/\\(.)/g, (whole, c: string) => ESCAPES[c] ?? whole);
}

/**
 * Tokens for syntax highlighting, comments included, in source order. Characters the
 * lexer rejects have no token; they are reported in `diagnostics`.
 */
export function tokenize(
  text: string,
  file = '<input>',
): { tokens: SeqToken[]; diagnostics: Diagnostic[] } {
  const { tokens, comments, diagnostics } = lex(text, file);
  const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  return {
    tokens: all.map((t) => ({
      type: tokenClassOf(t.tokenType),
      text: t.image,
      start: t.startOffset,
      end: t.startOffset + t.image.length,
    })),
    diagnostics,
  };
}
