/**
 * Limits on how deep an item's expressions may nest, checked on the tokens before the
 * parser sees them. The parser and every tree walk after it (formatter, compiler) recurse
 * on nesting; without a bound, 300 parentheses or a chain of 5,000 `|>` overflow the stack.
 * Both limits are documented in docs/language.md ("Limits").
 */
import { tokenMatcher } from 'chevrotain';
import type { IToken, TokenType } from 'chevrotain';
import { Tok } from './tokens.js';

/** At most this many brackets and unary minus signs may be open around any token. */
export const MAX_NESTING = 64;

/**
 * At most this many operators may chain on any path through an expression tree (`|>`,
 * `+`, `.`, `[...]` and nesting together): `a |> f |> g` is a tree of depth 2.
 */
export const MAX_EXPRESSION_DEPTH = 1000;

/** Longest source text compiled (characters); a model is a few kilobytes. */
export const MAX_SOURCE_CHARS = 1_048_576;

/**
 * Most tokens in one file. Parsing costs tens of microseconds a token (a CST node per
 * precedence level), so this bounds a parse to well under a second.
 */
export const MAX_TOKENS = 20_000;

/** Syntax errors reported per file before the parser stops reading it. */
export const MAX_SYNTAX_ERRORS = 100;

/** Where a chunk of tokens first breaks a limit. */
export interface LimitBreach {
  /** Index of the offending token in the chunk. */
  readonly index: number;
  /**
   * Where to cut the chunk: the outermost bracket (inside the item's braces) still open at
   * the breach. Parsing up to there is cheap; error recovery through dozens of open
   * brackets is not.
   */
  readonly cut: number;
  readonly name: 'nestingTooDeep' | 'chainTooDeep';
  readonly message: string;
}

const OPENERS: readonly TokenType[] = [Tok.LParen, Tok.LBracket, Tok.LCurly];
const CLOSERS: readonly TokenType[] = [Tok.RParen, Tok.RBracket, Tok.RCurly];
/** Tokens that end one expression and start another at the same level. */
const SEPARATORS: readonly TokenType[] = [
  Tok.Comma,
  Tok.Equals,
  Tok.Arrow,
  Tok.Colon,
  Tok.Semicolon,
  Tok.Input,
  Tok.Output,
  Tok.Param,
  Tok.State,
  Tok.Emit,
  Tok.On,
];
/** Tokens that extend an expression (binary operators, member access, `<`). */
const OPERATORS: readonly TokenType[] = [
  Tok.Pipe,
  Tok.Plus,
  Tok.Minus,
  Tok.Star,
  Tok.Slash,
  Tok.At,
  Tok.Dot,
  Tok.Less,
];

const isOne = (t: IToken, types: readonly TokenType[]): boolean =>
  types.some((k) => tokenMatcher(t, k));

function nestingBreach(index: number, cut: number): LimitBreach {
  return {
    index,
    cut: Math.min(cut, index),
    name: 'nestingTooDeep',
    message: `brackets and minus signs nest more than ${MAX_NESTING} deep here`,
  };
}

/** One open bracket level: the expression segment being read inside it. */
interface Level {
  /** Index of the opening token (-1 for the whole chunk). */
  readonly at: number;
  /** Whether it opened with `{`. */
  readonly brace: boolean;
  /** Nesting cost of this level and those around it (brackets plus unary signs). */
  readonly nesting: number;
  /** Tree depth above this level's expressions (a conservative estimate). */
  readonly base: number;
  /** Operators so far in the current segment (each adds one to the left spine). */
  ops: number;
  /** The deepest bracketed child of the current segment. */
  child: number;
  /** The deepest segment seen at this level. */
  deepest: number;
}

/**
 * The first token of `tokens` at which an expression nests deeper than {@link MAX_NESTING}
 * or chains deeper than {@link MAX_EXPRESSION_DEPTH}, or undefined when within both.
 * Conservative: it may count a tree deeper than the parser would build it, never shallower.
 */
export function findLimitBreach(tokens: readonly IToken[]): LimitBreach | undefined {
  const stack: Level[] = [
    { at: -1, brace: false, nesting: 0, base: 0, ops: 0, child: 0, deepest: 0 },
  ];
  const cut = (): number => {
    const outer = stack.find((l) => l.at >= 0 && !l.brace);
    return outer?.at ?? tokens.length;
  };
  let unary = 0; // consecutive `-` signs, each a nested unary expression
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    const top = stack[stack.length - 1] as Level;
    if (isOne(t, OPENERS)) {
      // `x[...]` and `f(...)` also extend the expression they follow.
      top.ops++;
      const nesting = top.nesting + 1 + unary;
      if (nesting > MAX_NESTING) {
        return nestingBreach(i, cut());
      }
      stack.push({
        at: i,
        brace: tokenMatcher(t, Tok.LCurly),
        nesting,
        base: top.base + top.ops + unary,
        ops: 0,
        child: 0,
        deepest: 0,
      });
      unary = 0;
    } else if (isOne(t, CLOSERS)) {
      unary = 0;
      if (stack.length === 1) continue; // an unmatched closer: the parser reports it
      const done = stack.pop() as Level;
      const depth = 1 + Math.max(done.deepest, done.ops + done.child);
      const parent = stack[stack.length - 1] as Level;
      parent.child = Math.max(parent.child, depth);
    } else if (isOne(t, SEPARATORS) && !(i > 0 && tokenMatcher(tokens[i - 1] as IToken, Tok.Dot))) {
      // (`enc.state` is a member access, not the start of a `state` declaration)
      unary = 0;
      top.deepest = Math.max(top.deepest, top.ops + top.child);
      top.ops = 0;
      top.child = 0;
    } else if (isOne(t, OPERATORS)) {
      top.ops++;
      if (tokenMatcher(t, Tok.Minus)) {
        unary++;
        if (top.nesting + unary > MAX_NESTING) {
          return nestingBreach(i, cut());
        }
      }
    } else {
      unary = 0;
    }
    const now = stack[stack.length - 1] as Level;
    if (now.base + now.ops + now.child + unary > MAX_EXPRESSION_DEPTH) {
      return {
        index: i,
        cut: Math.min(cut(), i),
        name: 'chainTooDeep',
        message: `this expression chains more than ${MAX_EXPRESSION_DEPTH} operators deep`,
      };
    }
  }
  return undefined;
}

/** Where `text` stops being text, as a diagnostic's offset and message; undefined if it is text. */
export function findBinaryText(text: string): { offset: number; message: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Tab, newline, form feed and carriage return are text; other C0 controls are not.
    const control = (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 127;
    if (c === 0xfffd) {
      // Readers decode invalid UTF-8 to U+FFFD: report the byte where it starts.
      const byte = new TextEncoder().encode(text.slice(0, i)).length;
      return {
        offset: i,
        message: `not a text file: invalid UTF-8 at byte ${byte} (.seq files are UTF-8 text)`,
      };
    }
    if (control) {
      const hex = c.toString(16).padStart(2, '0');
      return { offset: i, message: `not a text file: byte 0x${hex} (binary data) at offset ${i}` };
    }
  }
  return undefined;
}
