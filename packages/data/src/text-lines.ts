import type { Diagnostic } from '@seqlab/diagnostics';
import type { Span } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan } from './codes.js';

/** One line of a text file with its 1-based number and its offsets (line break excluded). */
export interface TextLine {
  text: string;
  line: number;
  start: number;
  end: number;
}

/** Split `text` into lines (`\n` or `\r\n`), keeping offsets for diagnostics. */
export function splitLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ text: text.slice(start, end), line, start, end });
    start = nl + 1;
    line++;
  }
  // A final line break does not start a line of its own.
  const last = out[out.length - 1];
  if (out.length > 1 && last && last.start === text.length) out.pop();
  return out;
}

/** The span of a whole line in `file`. */
export function lineSpan(file: string, l: TextLine): Span {
  return { file, start: l.start, end: l.end };
}

/**
 * Bytes to text. UTF-8 is decoded strictly (`fatal`): silently replacing bad bytes with
 * U+FFFD would train on garbage. On failure, the diagnostic names the line of the first bad
 * byte. A leading BOM is dropped.
 */
export function decodeUtf8(
  input: string | Uint8Array,
  file: string,
): { text: string; diagnostics?: undefined } | { text?: undefined; diagnostics: Diagnostic[] } {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, '') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input) };
  } catch {
    const bad = firstInvalidUtf8(input);
    const prefix = new TextDecoder('utf-8').decode(input.subarray(0, bad));
    const lineStart = prefix.lastIndexOf('\n') + 1;
    const line = (prefix.match(/\n/g)?.length ?? 0) + 1;
    return {
      diagnostics: [
        dataError(
          DataCodes.invalidUtf8,
          `line ${line}: invalid UTF-8 (byte ${bad}: 0x${(input[bad] ?? 0).toString(16).padStart(2, '0')})`,
          fileSpan(file, lineStart, prefix.length + 1),
          'save the file as UTF-8',
        ),
      ],
    };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return bytes.length;
}
