/**
 * Token definitions of the `.seq` language (docs/language.md, "Lexical structure").
 * Order matters for chevrotain: longer and more specific patterns come first.
 */
import { createToken, Lexer } from 'chevrotain';
import type { TokenType } from 'chevrotain';

/** The classes the playground colours tokens by. */
export type TokenClass =
  'keyword' | 'identifier' | 'number' | 'string' | 'comment' | 'operator' | 'punctuation';

/** True when a `[` or `(` at `offset` is the first token on its line. */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Newlines are insignificant, yet `embed(32)` followed by a line starting with `[h, feats]`
 * must not read as indexing, nor `f` followed by a line `(a + b) -> c` as a call. So a `[`
 * or `(` that starts a line is its own token type: it may open a list or a parenthesised
 * expression, never an index or a call. Both share a category for the places that accept either.
 */
function lineStartMatcher(char: string) {
  return (text: string, offset: number): [string] | null =>
    text[offset] === char && atLineStart(text, offset) ? [char] : null;
}

// ------------------------------------------------------------------ trivia

const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\uFEFF]+/,
  group: Lexer.SKIPPED,
});

/** `# ...` up to the end of the line, without trailing blanks (the formatter drops those). */
const Comment = createToken({
  name: 'Comment',
  pattern: /#(?:[^\r\n]*[^\s])?/,
  group: 'comments',
});

// ------------------------------------------------------------------ literals and names

const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: 'a name',
});

/**
 * Deliberately greedy (`1.2.3`, `3e`, `12ab` are one token): the lexer wrapper checks the
 * text against the real number syntax and reports SEQ1003 once, instead of the parser
 * tripping over the leftover pieces.
 */
const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /\d(?:[eE][+-]|[A-Za-z0-9_.])*/,
  label: 'a number',
});

const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: 'a string',
});

/** A string cut by the end of the line; a StringLiteral to the parser so parsing goes on. */
const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
  categories: [StringLiteral],
  label: 'a string',
});

// ------------------------------------------------------------------ keywords

/** Every keyword is also a `Keyword`, so `enc.state` can use one as a member name. */
const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA, label: 'a keyword' });

function keyword(word: string): TokenType {
  return createToken({
    name: word[0]?.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Keyword],
    label: `\`${word}\``,
  });
}

const Model = keyword('model');
const Cell = keyword('cell');
const Train = keyword('train');
const On = keyword('on');
const Input = keyword('input');
const Output = keyword('output');
const Param = keyword('param');
const State = keyword('state');
const Emit = keyword('emit');
const Import = keyword('import');
const Int = keyword('int');
const Float = keyword('float');
const True = keyword('true');
const False = keyword('false');

/** The keywords, as written in source. */
export const KEYWORDS: readonly string[] = [
  'model',
  'cell',
  'train',
  'on',
  'input',
  'output',
  'param',
  'state',
  'emit',
  'import',
  'int',
  'float',
  'true',
  'false',
];

// ------------------------------------------------------------------ punctuation

function punct(name: string, image: string): TokenType {
  return createToken({
    name,
    pattern: new RegExp(image.replace(/[|.*+()[\]{}/]/g, '\\$&')),
    label: `\`${image}\``,
  });
}

const Pipe = punct('Pipe', '|>');
const Arrow = punct('Arrow', '->');
const Equals = punct('Equals', '=');
const Colon = punct('Colon', ':');
const Comma = punct('Comma', ',');
const Dot = punct('Dot', '.');
const Semicolon = punct('Semicolon', ';');
const Less = punct('Less', '<');
const Plus = punct('Plus', '+');
const Minus = punct('Minus', '-');
const Star = punct('Star', '*');
const Slash = punct('Slash', '/');
const At = punct('At', '@');
const RParen = punct('RParen', ')');
const RBracket = punct('RBracket', ']');
const LCurly = punct('LCurly', '{');
const RCurly = punct('RCurly', '}');

/** Either kind of `(`: a parenthesised expression or a hyperparameter list accept both. */
const LParen = createToken({ name: 'LParen', pattern: Lexer.NA, label: '`(`' });
const LParenLine = createToken({
  name: 'LParenLine',
  pattern: lineStartMatcher('('),
  start_chars_hint: ['('],
  line_breaks: false,
  categories: [LParen],
  label: '`(`',
});
/** A `(` after something on the same line: the only kind that opens a call's arguments. */
const LParenInline = createToken({
  name: 'LParenInline',
  pattern: /\(/,
  categories: [LParen],
  label: '`(`',
});

/** Either kind of `[`: a list or a tensor type accept both. */
const LBracket = createToken({ name: 'LBracket', pattern: Lexer.NA, label: '`[`' });
const LBracketLine = createToken({
  name: 'LBracketLine',
  pattern: lineStartMatcher('['),
  start_chars_hint: ['['],
  line_breaks: false,
  categories: [LBracket],
  label: '`[`',
});
/** A `[` after something on the same line: the only kind that opens an index `x[0:4]`. */
const LBracketInline = createToken({
  name: 'LBracketInline',
  pattern: /\[/,
  categories: [LBracket],
  label: '`[`',
});

/** Keywords longest first, so `int` never cuts `input` short. */
const keywordTokens = [
  Model,
  Cell,
  Train,
  On,
  Input,
  Output,
  Param,
  State,
  Emit,
  Import,
  Int,
  Float,
  True,
  False,
].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length);

/** Every token type by name, for the parser and the stages around it. */
export const Tok = {
  WhiteSpace,
  Comment,
  Identifier,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  Keyword,
  Model,
  Cell,
  Train,
  On,
  Input,
  Output,
  Param,
  State,
  Emit,
  Import,
  Int,
  Float,
  True,
  False,
  Pipe,
  Arrow,
  Equals,
  Colon,
  Comma,
  Dot,
  Semicolon,
  Less,
  Plus,
  Minus,
  Star,
  Slash,
  At,
  RParen,
  RBracket,
  LCurly,
  RCurly,
  LParen,
  LParenLine,
  LParenInline,
  LBracket,
  LBracketLine,
  LBracketInline,
} as const;

/** Every token type, in lexer priority order (categories last: they match nothing). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  NumberLiteral,
  ...keywordTokens,
  Identifier,
  Pipe,
  Arrow,
  Equals,
  Colon,
  Comma,
  Dot,
  Semicolon,
  Less,
  Plus,
  Minus,
  Star,
  Slash,
  At,
  LParenLine,
  LParenInline,
  RParen,
  LBracketLine,
  LBracketInline,
  RBracket,
  LCurly,
  RCurly,
  LParen,
  LBracket,
  Keyword,
];

/**
 * Tokens that cannot start a statement: a block skips them with one diagnostic per run.
 * Listed one by one rather than as a token category, because chevrotain's re-sync picks the
 * first matching follow type, and a category would make it re-sync at the statement level
 * (losing the statement) instead of inside the expression where the error is.
 */
export const strayTokens: readonly TokenType[] = [
  On,
  Int,
  Float,
  Pipe,
  Arrow,
  Equals,
  Colon,
  Comma,
  Dot,
  Less,
  Plus,
  Star,
  Slash,
  At,
  RParen,
  RBracket,
  LCurly,
];

const OPERATORS = new Set([Pipe, Arrow, Equals, Less, Plus, Minus, Star, Slash, At]);

/** How the playground should colour a token of type `type`. */
export function tokenClassOf(type: TokenType): TokenClass {
  if (type === Comment) return 'comment';
  if (type === Identifier) return 'identifier';
  if (type === NumberLiteral) return 'number';
  if (type === StringLiteral || type === UnterminatedString) return 'string';
  if (keywordTokens.includes(type)) return 'keyword';
  return OPERATORS.has(type) ? 'operator' : 'punctuation';
}
