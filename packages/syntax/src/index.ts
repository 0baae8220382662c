/**
 * @seqlab/syntax: the `.seq` language front end. Text → tokens → (chevrotain CST) → AST,
 * with diagnostics as values, and the canonical formatter.
 */
export type * from './ast.js';
export { parse } from './parse.js';
export type { ParseResult } from './parse.js';
export { format } from './format.js';
export type { FormatResult } from './format.js';
export { tokenize } from './lexer.js';
export type { SeqToken } from './lexer.js';
export type { TokenClass } from './tokens.js';
export { KEYWORDS } from './tokens.js';
export { stripSpans } from './strip-spans.js';
export type { WithoutSpans } from './strip-spans.js';
export { SYNTAX_CODES, SYNTAX_DIAGNOSTICS } from './codes.js';
export type { SyntaxCode, SyntaxDiagnostic } from './codes.js';
export { printExpr, printType } from './print-expr.js';
export {
  MAX_NESTING,
  MAX_EXPRESSION_DEPTH,
  MAX_SYNTAX_ERRORS,
  MAX_SOURCE_CHARS,
  MAX_TOKENS,
} from './limits.js';
