/**
 * What the cursor is in the middle of, for completion: a layer name (after `|>`, or any
 * identifier being typed) or an argument of a layer call (inside `gru(...)`). Works on raw
 * text because the text being typed is usually not valid yet.
 */

/** Completing a name: the identifier prefix before the cursor starts at `from`. */
export interface NameContext {
  readonly kind: 'name';
  readonly from: number;
  readonly prefix: string;
  /** Right after `|>`: only layers make sense here. */
  readonly afterPipe: boolean;
}

/** Completing an argument name inside `callee(...)`; `given` are the names already written. */
export interface ArgContext {
  readonly kind: 'arg';
  readonly callee: string;
  readonly from: number;
  readonly prefix: string;
  readonly given: readonly string[];
}

/** A completion context, or undefined where nothing should be offered (comments, strings). */
export type CompletionContextInfo = NameContext | ArgContext;

/** The context at `pos` in `text`. */
export function completionContextAt(text: string, pos: number): CompletionContextInfo | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const line = text.slice(lineStart, pos);
  // In a comment or an open string there is nothing to complete.
  if (/#/.test(line.replace(/"(?:[^"\\]|\\.)*"/g, ''))) return undefined;
  if ((line.match(/"/g)?.length ?? 0) % 2 === 1) return undefined;
  const word = /[A-Za-z_]\w*$/.exec(line);
  const prefix = word ? word[0] : '';
  const from = pos - prefix.length;
  // Just after a number or a `.` member access there is no name to offer.
  const before = text.slice(0, from);
  if (/[\d.]$/.test(before)) return undefined;
  const call = openCall(text, from);
  if (call && /(?:^|[(,])\s*$/.test(text.slice(call.open + 1, from))) {
    return { kind: 'arg', callee: call.callee, from, prefix, given: call.given };
  }
  return { kind: 'name', from, prefix, afterPipe: /\|>\s*$/.test(before) };
}

/** The innermost call whose `(` is open at `pos`, with argument names already given. */
function openCall(
  text: string,
  pos: number,
): { callee: string; open: number; given: string[] } | undefined {
  let depth = 0;
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '[') depth = Math.max(0, depth - 1);
    else if (c === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const m = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, i));
      if (!m?.[1]) return undefined;
      const inside = text.slice(i + 1, pos);
      const given = [...inside.matchAll(/([A-Za-z_]\w*)\s*=/g)].map((g) => g[1] ?? '');
      return { callee: m[1], open: i, given };
    } else if (c === '{' || c === '}' || c === '\n') {
      // Calls do not span statements in practice; stop at a block or line boundary.
      if (c !== '\n' || depth === 0) return undefined;
    }
  }
  return undefined;
}
