/**
 * The `.seq` grammar as one chevrotain CstParser. Chevrotain analyses the grammar when the
 * parser is built, so there is exactly one instance (`seqParser`), reused for every parse.
 * Error recovery is on: a broken statement is skipped and parsing goes on, so one run
 * reports every independent error. The driver (parse.ts) feeds it one top-level item at a
 * time; see there for why.
 */
import { CstParser, EOF, tokenMatcher } from 'chevrotain';
import type { IToken, TokenType } from 'chevrotain';
import type { TopItemCstNode } from './cst-types.js';
import { errorMessageProvider } from './error-messages.js';
import { allTokens, strayTokens, Tok as T } from './tokens.js';

const CLOSERS: ReadonlySet<TokenType> = new Set([T.RParen, T.RBracket, T.RCurly]);

/** Thrown to end a parse whose error budget is spent (see `SeqParser.errorBudget`). */
export class ErrorBudgetSpent extends Error {}

/** Chevrotain's hook that records each recognition error (undocumented, long-standing). */
type SaveError = (this: CstParser, error: Error) => Error;
const saveError = (CstParser.prototype as unknown as { SAVE_ERROR: SaveError }).SAVE_ERROR;

class SeqParser extends CstParser {
  /** The text being parsed, so recovery can tell where lines end. */
  private source = '';

  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider,
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  /**
   * Most errors one parse may record; the next one throws {@link ErrorBudgetSpent}. Garbage
   * makes an error every few tokens, and recovering from each costs a grammar walk.
   */
  errorBudget = Infinity;

  /** Parse one top-level item made of `tokens` (from `source`); errors land in `errors`. */
  parseTopItem(tokens: IToken[], source: string): TopItemCstNode {
    this.source = source;
    this.input = tokens;
    // The node of the `topItem` rule, whose shape cst-types.ts spells out.
    return this.topItem() as TopItemCstNode;
  }

  /** Records an error as chevrotain does, and stops the parse once the budget is spent. */
  SAVE_ERROR(error: Error): Error {
    const saved = saveError.call(this, error);
    if (this.errors.length >= this.errorBudget) throw new ErrorBudgetSpent();
    return saved;
  }

  /**
   * Chevrotain inserts a missing token only when the next token may follow it inside the
   * current rule. A closer ends its rule, so a forgotten `)` or `}` would throw away the
   * whole statement or model. Insert a closer too when the next token is on a new line or
   * the end of input: that is where people forget them, and the partial tree survives.
   * (Overrides an undocumented but long-standing chevrotain hook; same logic plus closers.)
   */
  canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean {
    const next = this.LA(1);
    if (follows.some((t) => tokenMatcher(next, t))) return true;
    if (!CLOSERS.has(expected) || tokenMatcher(this.LA(2), expected)) return false;
    if (tokenMatcher(next, EOF)) return true;
    const prev = this.LA(0);
    const from = Number.isFinite(prev.startOffset) ? prev.startOffset : 0;
    return (
      Number.isFinite(next.startOffset) && this.source.slice(from, next.startOffset).includes('\n')
    );
  }

  // ---------------------------------------------------------------- top level

  topItem = this.RULE('topItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.modelDecl) },
      { ALT: () => this.SUBRULE(this.cellDecl) },
      { ALT: () => this.SUBRULE(this.trainDecl) },
    ]);
    this.MANY(() => this.CONSUME(T.Semicolon));
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLiteral, { LABEL: 'path' });
  });

  modelDecl = this.RULE('modelDecl', () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.hyperParams));
    this.SUBRULE(this.block);
  });

  cellDecl = this.RULE('cellDecl', () => {
    this.CONSUME(T.Cell);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.hyperParams));
    this.SUBRULE(this.block);
  });

  trainDecl = this.RULE('trainDecl', () => {
    this.CONSUME(T.Train);
    this.CONSUME(T.Identifier, { LABEL: 'model' });
    this.CONSUME(T.On);
    // A built-in name, a path, or a reader call: `names`, "x.csv", csv("x.csv", unit = "words").
    this.OR([
      { ALT: () => this.SUBRULE(this.callOrName, { LABEL: 'dataset' }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'dataset' }) },
    ]);
    this.SUBRULE(this.block);
  });

  hyperParams = this.RULE('hyperParams', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.hyperParam) });
    this.CONSUME(T.RParen);
  });

  hyperParam = this.RULE('hyperParam', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expr, { LABEL: 'default' });
    });
  });

  /**
   * One block rule for models, cells and train blocks: the AST builder reports statements
   * in the wrong kind of block, which reads better than a generic "unexpected `input`".
   * Stray tokens are consumed here so one bad token costs one diagnostic.
   */
  block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        ...strayTokens.map((t) => ({ ALT: () => this.CONSUME2(t, { LABEL: 'stray' }) })),
      ]);
    });
    this.CONSUME(T.RCurly);
  });

  // ---------------------------------------------------------------- statements

  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.outputDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.stateDecl) },
      { ALT: () => this.SUBRULE(this.emitStmt) },
      { ALT: () => this.SUBRULE(this.exprStmt) },
    ]);
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
  });

  outputDecl = this.RULE('outputDecl', () => {
    this.CONSUME(T.Output);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => this.CONSUME(T.Identifier, { LABEL: 'name' }),
    });
  });

  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expr, { LABEL: 'init' });
    });
  });

  stateDecl = this.RULE('stateDecl', () => {
    this.CONSUME(T.State);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expr, { LABEL: 'init' });
    });
  });

  emitStmt = this.RULE('emitStmt', () => {
    this.CONSUME(T.Emit);
    this.SUBRULE(this.expr, { LABEL: 'value' });
  });

  /** `a, b = expr` or `expr -> a, b`; targets are checked to be names by the builder. */
  exprStmt = this.RULE('exprStmt', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: 'lhs' }) });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Equals);
          this.SUBRULE2(this.expr, { LABEL: 'value' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Arrow);
          this.AT_LEAST_ONE_SEP2({
            SEP: T.Comma,
            DEF: () => this.CONSUME(T.Identifier, { LABEL: 'target' }),
          });
        },
      },
    ]);
  });

  /** `[d1, d2]` then optionally `float`, `int` or `int < V`. */
  tensorType = this.RULE('tensorType', () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: 'dim' }) });
    this.CONSUME(T.RBracket);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Float, { LABEL: 'dtype' }) },
        {
          ALT: () => {
            this.CONSUME(T.Int, { LABEL: 'dtype' });
            this.OPTION2(() => {
              this.CONSUME(T.Less);
              this.SUBRULE(this.addExpr, { LABEL: 'vocab' });
            });
          },
        },
      ]);
    });
  });

  // ---------------------------------------------------------------- expressions
  // One rule per precedence level, lowest first; operands and operators are collected in
  // order and folded left by the AST builder.

  expr = this.RULE('expr', () => {
    this.SUBRULE(this.addExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.addExpr, { LABEL: 'operand' });
    });
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: 'op' }) },
      ]);
      this.SUBRULE2(this.mulExpr, { LABEL: 'operand' });
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unaryExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.At, { LABEL: 'op' }) },
      ]);
      this.SUBRULE2(this.unaryExpr, { LABEL: 'operand' });
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus, { LABEL: 'op' });
          this.SUBRULE(this.unaryExpr, { LABEL: 'operand' });
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr, { LABEL: 'operand' }) },
    ]);
  });

  postfixExpr = this.RULE('postfixExpr', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.suffix));
  });

  /** `.name` (a keyword is fine: `enc.state`) or `[slice]` on the same line. */
  suffix = this.RULE('suffix', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          this.OR2([
            { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'property' }) },
            { ALT: () => this.CONSUME(T.Keyword, { LABEL: 'property' }) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracketInline);
          this.SUBRULE(this.slice);
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  /** `a`, `a:b`, `:b`, `a:`, `:` */
  slice = this.RULE('slice', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.OPTION(() => this.SUBRULE(this.expr, { LABEL: 'end' }));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.expr, { LABEL: 'start' });
          this.OPTION2(() => {
            this.CONSUME2(T.Colon);
            this.OPTION3(() => this.SUBRULE3(this.expr, { LABEL: 'end' }));
          });
        },
      },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.SUBRULE(this.callOrName) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.SUBRULE(this.listExpr) },
    ]);
  });

  callOrName = this.RULE('callOrName', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.LParenInline);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
      this.CONSUME(T.RParen);
    });
  });

  argument = this.RULE('argument', () => {
    this.OPTION(() => {
      // `train` is a keyword, and also the train-split size of a data set: adding(train = 500).
      this.OR([
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
        { ALT: () => this.CONSUME(T.Train, { LABEL: 'name' }) },
      ]);
      this.CONSUME(T.Equals);
    });
    this.SUBRULE(this.expr, { LABEL: 'value' });
  });

  parenExpr = this.RULE('parenExpr', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expr, { LABEL: 'inner' });
    this.CONSUME(T.RParen);
  });

  listExpr = this.RULE('listExpr', () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: 'element' }) });
    this.CONSUME(T.RBracket);
  });
}

/** The single parser instance (chevrotain: build once, reuse; `input` resets its state). */
export const seqParser = new SeqParser();
