/**
 * The one place where chevrotain positions become seqlab spans. Chevrotain offsets are
 * inclusive at the end and NaN for tokens invented by error recovery; spans are half-open.
 */
import type { Span } from '@seqlab/diagnostics';
import type { IToken } from 'chevrotain';

/** True when the token was really in the source (not inserted by error recovery). */
export function isRealToken(token: IToken): boolean {
  return Number.isFinite(token.startOffset) && token.isInsertedInRecovery !== true;
}

/** `[start, end)` of a chevrotain inclusive range; `fallback` (zero width) when it is NaN. */
export function offsetSpan(
  file: string,
  start: number,
  endInclusive: number | undefined,
  fallback = 0,
): Span {
  if (!Number.isFinite(start)) return { file, start: fallback, end: fallback };
  const end =
    endInclusive !== undefined && Number.isFinite(endInclusive) ? endInclusive + 1 : start;
  return { file, start, end: Math.max(start, end) };
}

/** The span of one token (zero width at `fallback` for a token inserted by recovery). */
export function tokenSpan(file: string, token: IToken, fallback = 0): Span {
  return isRealToken(token)
    ? offsetSpan(file, token.startOffset, token.endOffset)
    : offsetSpan(file, NaN, NaN, fallback);
}
