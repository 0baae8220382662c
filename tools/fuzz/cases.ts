/**
 * Fuzz cases for the compiler: from a seed, a `.seq` source (plus the files it may import)
 * made by one of several generators. Each generator targets a class of crash seen before:
 * mutations of the examples (deleted, duplicated, swapped tokens; random bytes; splices),
 * deep nesting, huge numbers, binary text, imports and import cycles, long chains.
 * Deterministic: the same seed always gives the same case, so a failure can be replayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@seqlab/data';

/** One generated input: the entry file's text and the other files visible to imports. */
export interface FuzzCase {
  readonly seed: number;
  readonly kind: string;
  readonly text: string;
  readonly files: Readonly<Record<string, string>>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The example models, the seeds of every mutation. */
export const EXAMPLES: readonly string[] = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.seq'))
  .sort()
  .map((f) => readFileSync(join(root, 'examples', f), 'utf8'));

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const TOKENS = [
  '|>', '->', '(', ')', '[', ']', '{', '}', '=', ',', ':', '@', '*', '/', '+', '-', '.', '<',
  'x', 'h', 'in', 'B', 'T', '0', '1', '64', '1e309', '1e23', '-1', '0.5', 'none', 'true',
  'model', 'cell', 'train', 'import', 'on', 'input', 'output', 'param', 'state', 'emit', 'int',
  'rnn(8)', 'lstm(1e308)', 'gru', 'dense(2)', 'relu', 'last', 'split(', 'concat(', 'embed(',
  'layers = 100000', 'int <', '"a.seq"', '"', '\\', '#', '\n', ';', '\t',
]; // prettier-ignore

/** Split into tokens and the whitespace between them (a rough lexer, on purpose). */
function pieces(text: string): string[] {
  return text.match(/\s+|[A-Za-z_]\w*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\|>|->|"[^"\n]*"?|#.*|./g) ?? [];
}

/** Apply 1 to 8 token-level or byte-level mutations to `src`. */
function mutate(r: Rand, src: string, others: readonly string[]): string {
  let p = pieces(src);
  const n = 1 + int(r, 8);
  for (let i = 0; i < n; i++) {
    const at = int(r, p.length + 1);
    switch (int(r, 7)) {
      case 0: // delete a few tokens
        p.splice(at, 1 + int(r, 4));
        break;
      case 1: // duplicate a run of tokens
        p.splice(at, 0, ...p.slice(at, at + 1 + int(r, 30)));
        break;
      case 2: {
        // swap two tokens
        const b = int(r, p.length);
        const t = p[at] ?? '';
        p[at] = p[b] ?? '';
        p[b] = t;
        break;
      }
      case 3: // insert a language token
        p.splice(at, 0, ` ${pick(r, TOKENS)} `);
        break;
      case 4: {
        // random bytes (any code unit, control characters and lone surrogates included)
        const bytes = Array.from({ length: 1 + int(r, 6) }, () =>
          String.fromCharCode(r() < 0.7 ? int(r, 128) : int(r, 0x10000)),
        );
        p.splice(at, 0, bytes.join(''));
        break;
      }
      case 5: {
        // splice in a slice of another example
        const q = pieces(pick(r, others));
        const from = int(r, q.length);
        p.splice(at, int(r, 3), ...q.slice(from, from + 1 + int(r, 40)));
        break;
      }
      default: // replace a number with an extreme one
        p = p.map((t) =>
          /^\d/.test(t) && r() < 0.3 ? pick(r, ['0', '1e309', '1e23', '99999999', '4e9']) : t,
        );
    }
  }
  return p.join('');
}

const model = (body: string, params = ''): string =>
  `model M${params} {\n  input x: [B, T, 4]\n${body}\n  output y\n}\n`;

/** Deep nesting of one kind, around the documented limits. */
function deep(r: Rand): string {
  const n = pick(r, [10, 63, 64, 65, 100, 300, 1000, 5000]);
  const kinds = [
    () => `  x |> dense(${'('.repeat(n)}4${')'.repeat(n)}) -> y`,
    () => `  x |> dense(${'['.repeat(n)}4${']'.repeat(n)}) -> y`,
    () => `  x |> dense(${'-'.repeat(n)}4) -> y`,
    () => `  x |> dense(${'('.repeat(n)}4) -> y`, // unbalanced
    () => `  x |> dense(${'(-'.repeat(n)}4${')'.repeat(n)}) -> y`,
    () => `  y = ${'('.repeat(n)}x${' + x)'.repeat(n)}`,
    () => `  y = ${'concat('.repeat(n)}x${', x)'.repeat(n)}`,
    () => `  ${'{'.repeat(n)} x -> y`,
  ];
  return model(pick(r, kinds)());
}

/** Long flat chains: pipes, sums, member and index suffixes. */
function chain(r: Rand): string {
  const n = pick(r, [100, 999, 1000, 1001, 3000, 5000]);
  const kinds = [
    () => model(`  x ${'|> relu '.repeat(n)}-> y`),
    () => model(`  x |> dense(${Array(n).fill('1').join(' + ')}) -> y`),
    () => model(`  y = x${' + x'.repeat(n)}`),
    () => model(`  y = x${'[0:4]'.repeat(n)}`),
    () => model(`  x |> rnn(4) -> r\n  y = r${'.h'.repeat(n)}`),
    () => model(`  y = x${' * 1'.repeat(n)}`),
    () => model(`  x |> dense(${'1 - '.repeat(n)}1) -> y`),
    () => model(`  y = [${Array(n).fill('x').join(', ')}] |> concat`),
  ];
  return pick(r, kinds)();
}

/** Sizes past every limit, written and through arithmetic. */
function huge(r: Rand): string {
  const v = pick(r, ['1e309', '1e308', '1e23', '1e6', '4294967296', '2e9', '1e308 * 10', '-0']);
  const kinds = [
    () => model(`  x |> rnn(8, layers = ${v}) -> y`),
    () => model(`  x |> lstm(${v}) -> y`),
    () => model(`  x |> gru(hidden) -> y`, `(hidden = ${v})`),
    () => model(`  x |> conv1d(8, kernel = ${v}, dilation = ${v}) -> y`),
    () => `model M {\n  input x: [B, T] int < ${v}\n  x |> embed(${v}) -> y\n  output y\n}\n`,
    () => `model M {\n  input x: [B, T, ${v}]\n  x |> dense(2) -> y\n  output y\n}\n`,
    () =>
      `cell C(hidden) {\n  param W: [hidden * hidden, in]\n  state h: [hidden] = zeros\n  h = W @ x\n  emit h\n}\n${model(`  x |> C(${v}) -> y`)}`,
    () => model(`  x |> lstm(40000) |> dense(${v}) -> y`),
  ];
  return pick(r, kinds)();
}

/** Binary or non-UTF-8 text (as a reader decodes it), whole or inside a valid file. */
function binary(r: Rand, src: string): string {
  const bytes = Array.from({ length: 16 + int(r, 2000) }, () => int(r, 256));
  const decoded = new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  if (r() < 0.5) return decoded;
  const at = int(r, src.length);
  return src.slice(0, at) + decoded.slice(0, 1 + int(r, 8)) + src.slice(at);
}

/** A file with imports among a few in-memory files, sometimes in a cycle or missing. */
function imports(r: Rand): { text: string; files: Record<string, string> } {
  const cell = `cell Elman(hidden) {\n  param W: [hidden, in]\n  param U: [hidden, hidden]\n  state h: [hidden] = zeros\n  h = tanh(W @ x + U @ h)\n  emit h\n}\n`;
  const files: Record<string, string> = {
    'a.seq': `import "b.seq"\n${cell}`,
    'b.seq': r() < 0.5 ? `import "a.seq"\n` : `import "c.seq"\n`,
    'c.seq': r() < 0.5 ? `import "model.seq"\n` : mutate(r, cell, EXAMPLES),
    'd.seq': binary(r, cell),
    'e.seq': `import "e.seq"\n`,
  };
  if (r() < 0.2) {
    // A long chain of files importing each other, sometimes closed into a cycle.
    const n = pick(r, [100, 300, 1000]);
    for (let i = 0; i < n; i++) files[`chain${i}.seq`] = `import "chain${i + 1}.seq"\n`;
    files[`chain${n}.seq`] = r() < 0.5 ? cell : `import "chain${int(r, n)}.seq"\n`;
    return { text: `import "chain0.seq"\n${model('  x |> Elman(8) -> y')}`, files };
  }
  const imported = Array.from(
    { length: 1 + int(r, 3) },
    () =>
      `import "${pick(r, ['a.seq', 'b.seq', 'c.seq', 'd.seq', 'e.seq', 'missing.seq', '../x.seq', ''])}"`,
  );
  const text = `${imported.join('\n')}\n${model('  x |> Elman(8) -> y')}`;
  return { text: r() < 0.3 ? mutate(r, text, EXAMPLES) : text, files };
}

/** The case for `seed`. Most are mutations; each other class gets a steady share. */
export function fuzzCase(seed: number): FuzzCase {
  const r = mulberry32(seed);
  const roll = r();
  const src = pick(r, EXAMPLES);
  const files: Record<string, string> = {};
  if (roll < 0.6) return { seed, kind: 'mutation', text: mutate(r, src, EXAMPLES), files };
  if (roll < 0.68) return { seed, kind: 'deep', text: deep(r), files };
  if (roll < 0.76) return { seed, kind: 'chain', text: chain(r), files };
  if (roll < 0.86) return { seed, kind: 'huge', text: huge(r), files };
  if (roll < 0.92) return { seed, kind: 'binary', text: binary(r, src), files };
  const imp = imports(r);
  return { seed, kind: 'imports', text: imp.text, files: imp.files };
}
