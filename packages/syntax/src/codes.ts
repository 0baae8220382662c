/**
 * The syntax stage's diagnostics catalogue. `SEQ10xx` are lexical (characters, strings,
 * numbers); `SEQ11xx` are grammatical. Codes never change meaning: golden files, docs and
 * users' searches depend on them. Call sites report through the entry names.
 */
import { defineCatalogue, type DiagnosticDef } from '@seqlab/diagnostics';

/** Syntax diagnostics by the name call sites report them with. */
export const SYNTAX_DIAGNOSTICS = defineCatalogue({
  unexpectedCharacter: {
    code: 'SEQ1001',
    severity: 'error',
    summary: 'unexpected character',
    message: 'unexpected character `{text}`',
    fix: 'Delete the character, or put it inside a string or a `#` comment.',
  },
  unterminatedString: {
    code: 'SEQ1002',
    severity: 'error',
    summary: 'unterminated string',
    message: 'unterminated string: a string must end with `"` on the same line',
    fix: 'Close the string with `"` before the end of the line.',
  },
  badNumber: {
    code: 'SEQ1003',
    severity: 'error',
    summary: 'bad number literal',
    message: 'bad number literal `{text}`',
    fix: 'Write numbers like 64, 0.5, 3e-3 or 1.0e+2.',
    example: {
      file: 'bad-number.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  x |> dense(1.5.2) -> y\n  output y\n}\n',
    },
  },
  unknownEscape: {
    code: 'SEQ1004',
    severity: 'error',
    summary: 'unknown escape sequence in a string (only \\", \\\\ and \\n exist)',
    message: 'unknown escape sequence `\\{char}` in a string',
    fix: 'Use only `\\"`, `\\\\` and `\\n` inside strings.',
    example: {
      file: 'bad-escape.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  x |> conv1d(8, 3, padding = "s\\ame") -> y\n  output y\n}\n',
    },
  },
  numberOutOfRange: {
    code: 'SEQ1005',
    severity: 'error',
    summary: 'number out of range (larger than about 1.8e308)',
    message: 'number out of range: `{text}` is larger than the largest number (about 1.8e308)',
    fix: 'Use a smaller number; no setting of seqlab needs one this large.',
  },
  notText: {
    code: 'SEQ1006',
    severity: 'error',
    summary: 'not a text file (binary bytes or invalid UTF-8)',
    message: 'not a text file: byte 0x{hex} (binary data) at offset {offset}',
    fix: 'Check that the path names a `.seq` source file saved as UTF-8 text.',
  },
  unexpectedToken: {
    code: 'SEQ1101',
    severity: 'error',
    summary: 'unexpected token',
    message: 'expected {expected} but found {found}',
    fix: 'Write what the message expects at the underlined place; a missing `:`, `=` or comma is the usual cause.',
  },
  unclosedBracket: {
    code: 'SEQ1102',
    severity: 'error',
    summary: 'missing closing bracket, brace or parenthesis',
    message: 'expected {closer} to close {opened} but found {found}',
    fix: 'Add the closing bracket; the note points at the one it closes.',
  },
  unexpectedEnd: {
    code: 'SEQ1103',
    severity: 'error',
    summary: 'unexpected end of file',
    message: 'unexpected end of file: expected {expected}',
    fix: 'Finish the last item: the file ends in the middle of it.',
    example: {
      file: 'truncated.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  x |>',
    },
  },
  badPipeTarget: {
    code: 'SEQ1104',
    severity: 'error',
    summary: 'the right side of `|>` must be a layer call or a name',
    message:
      'the right side of `|>` must be a layer call or a name, like `dense(2)` or `relu`; found `{expr}`',
    fix: 'Pipe into a layer (`x |> dense(2)`); `|>` binds loosest, so wrap a pipeline in parentheses before `+` or `*`.',
    example: {
      file: 'pipe-target.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  x |> 2 -> y\n  output y\n}\n',
    },
  },
  badAssignmentTarget: {
    code: 'SEQ1105',
    severity: 'error',
    summary: 'invalid assignment target (only names can be assigned)',
    message: 'cannot assign to `{expr}`: the left side of `=` must be a name',
    fix: 'Write `a = expr`, or `a, b = expr` for several results.',
    example: {
      file: 'assign-target.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  x.h = x |> gru(8)\n  output x\n}\n',
    },
  },
  misplacedStatement: {
    code: 'SEQ1106',
    severity: 'error',
    summary: 'statement not allowed in this kind of block',
    message: '{statement} is not allowed in {block}',
    fix: 'Move the statement: models hold `input`, `output` and bindings; cells hold `param`, `state`, equations and `emit`; train blocks hold settings.',
    example: {
      file: 'misplaced.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  emit x\n  output x\n}\n',
    },
  },
  manyIntoArrow: {
    code: 'SEQ1107',
    severity: 'error',
    summary: 'only one expression can flow into `->`',
    message: 'only one expression can flow into `->`',
    fix: 'Flow one expression into `->`; to bind several results write `expr -> a, b`.',
    example: {
      file: 'arrow.seq',
      text: 'model M {\n  input x: [B, T, 4]\n  x, x -> y\n  output y\n}\n',
    },
  },
  nestingTooDeep: {
    code: 'SEQ1108',
    severity: 'error',
    summary: 'brackets and minus signs nest too deep (limit 64)',
    message: 'brackets and minus signs nest more than 64 deep here',
    fix: 'Split the expression into named steps (`a = ...`); see "Limits" in docs/language.md.',
  },
  chainTooDeep: {
    code: 'SEQ1109',
    severity: 'error',
    summary: 'expression chains too many operators (limit 1000 deep)',
    message: 'this expression chains more than 1000 operators deep',
    fix: 'Split the expression into named steps (`a = ...`); see "Limits" in docs/language.md.',
  },
  tooManySyntaxErrors: {
    code: 'SEQ1110',
    severity: 'error',
    summary: 'too many syntax errors: the rest of the file was not read (limit 100)',
    message: 'too many syntax errors: stopped after 100; the rest of the file was not read',
    fix: 'Fix the errors above first, and check that the file is a `.seq` source at all.',
    example: { file: 'garbage.seq', text: '$\n', repeat: 101 },
  },
  fileTooLarge: {
    code: 'SEQ1111',
    severity: 'error',
    summary: 'file too large (over 1,048,576 characters or 20,000 tokens)',
    message: 'file too large: {size} characters; the limit is 1,048,576',
    fix: 'Split the model into files that `import` each other; see "Limits" in docs/language.md.',
    example: { file: 'huge.seq', text: `# ${'x'.repeat(60)}\n`, repeat: 20_000 },
  },
});

/** The name of a syntax diagnostic in {@link SYNTAX_DIAGNOSTICS}. */
export type SyntaxDiagnostic = keyof typeof SYNTAX_DIAGNOSTICS;

/** One of the syntax diagnostic codes. */
export type SyntaxCode = (typeof SYNTAX_DIAGNOSTICS)[SyntaxDiagnostic]['code'];

/** The syntax catalogue keyed by code (what the parser's tests look codes up in). */
export const SYNTAX_CODES = Object.fromEntries(
  Object.values(SYNTAX_DIAGNOSTICS).map((def) => [def.code, def]),
) as Readonly<Record<SyntaxCode, DiagnosticDef>>;
