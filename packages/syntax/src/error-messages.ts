/**
 * Chevrotain builds error messages while it parses, before we know which model or opener
 * the error belongs to. So the provider records the structured facts as JSON in the message,
 * and parse-errors.ts turns them into plain-words diagnostics with that context.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

/** What went wrong, as recorded by chevrotain's error hooks. */
export interface ErrorFacts {
  readonly kind: 'mismatch' | 'noViableAlt' | 'earlyExit' | 'notAllInput';
  /** Names of the token types that would have been accepted (first tokens of each path). */
  readonly expected: readonly string[];
  /** The grammar rule that failed. */
  readonly rule: string;
}

function firstTokens(paths: readonly (readonly TokenType[])[]): string[] {
  const names = new Set<string>();
  for (const path of paths) {
    const first = path[0];
    if (first) names.add(first.name);
  }
  return [...names];
}

function encode(facts: ErrorFacts): string {
  return JSON.stringify(facts);
}

/** Decode what `errorMessageProvider` recorded; undefined for a foreign message. */
export function decodeFacts(message: string): ErrorFacts | undefined {
  try {
    const v: unknown = JSON.parse(message);
    if (typeof v === 'object' && v !== null && 'kind' in v && 'expected' in v && 'rule' in v) {
      return v as ErrorFacts;
    }
  } catch {
    // not ours: fall through
  }
  return undefined;
}

/** The chevrotain hook: records facts, not prose. */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage(o: { expected: TokenType; actual: IToken; ruleName: string }) {
    return encode({ kind: 'mismatch', expected: [o.expected.name], rule: o.ruleName });
  },
  buildNotAllInputParsedMessage(o: { firstRedundant: IToken; ruleName: string }) {
    return encode({ kind: 'notAllInput', expected: [], rule: o.ruleName });
  },
  buildNoViableAltMessage(o: { expectedPathsPerAlt: TokenType[][][]; ruleName: string }) {
    return encode({
      kind: 'noViableAlt',
      expected: firstTokens(o.expectedPathsPerAlt.flat()),
      rule: o.ruleName,
    });
  },
  buildEarlyExitMessage(o: { expectedIterationPaths: TokenType[][]; ruleName: string }) {
    return encode({
      kind: 'earlyExit',
      expected: firstTokens(o.expectedIterationPaths),
      rule: o.ruleName,
    });
  },
};
