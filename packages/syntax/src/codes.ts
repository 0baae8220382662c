/**
 * The stable diagnostic codes of the syntax stage, one line each. `SEQ10xx` are lexical
 * (characters, strings, numbers); `SEQ11xx` are grammatical. Codes never change meaning:
 * golden files, docs and users' searches depend on them.
 */
export const SYNTAX_CODES = {
  SEQ1001: 'unexpected character',
  SEQ1002: 'unterminated string',
  SEQ1003: 'bad number literal',
  SEQ1004: 'unknown escape sequence in a string (only \\", \\\\ and \\n exist)',
  SEQ1005: 'number out of range (larger than about 1.8e308)',
  SEQ1006: 'not a text file (binary bytes or invalid UTF-8)',
  SEQ1101: 'unexpected token',
  SEQ1102: 'missing closing bracket, brace or parenthesis',
  SEQ1103: 'unexpected end of file',
  SEQ1104: 'the right side of `|>` must be a layer call or a name',
  SEQ1105: 'invalid assignment target (only names can be assigned)',
  SEQ1106: 'statement not allowed in this kind of block',
  SEQ1107: 'only one expression can flow into `->`',
  SEQ1108: 'brackets and minus signs nest too deep (limit 64)',
  SEQ1109: 'expression chains too many operators (limit 1000 deep)',
  SEQ1110: 'too many syntax errors: the rest of the file was not read (limit 100)',
  SEQ1111: 'file too large (over 1,048,576 characters or 20,000 tokens)',
} as const;

/** One of the syntax diagnostic codes. */
export type SyntaxCode = keyof typeof SYNTAX_CODES;
