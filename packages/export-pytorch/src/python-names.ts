/**
 * Python identifiers for generated code: which names are legal, and an allocator that keeps
 * every variable unique and clear of keywords and of the names the module itself imports.
 */

const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
]);

/** Names the generated module binds at top level or uses inside methods. */
const TAKEN = new Set([
  'self',
  'torch',
  'nn',
  'F',
  'json',
  'struct',
  'range',
  'len',
  'max',
  'min',
  'float',
  'int',
  'super',
  'pack_padded_sequence',
  'pad_packed_sequence',
  // The helpers a generated module may define (python-helpers.ts).
  'sequence_mask',
  'run_recurrent',
  'run_recurrent_chunk',
  'run_cell',
  'top_state',
  'last_step',
  'sum_over_time',
  'mean_over_time',
  'max_over_time',
  'same_padding',
  'max_pool1d',
  'avg_pool1d',
  'load_safetensors',
  'save_safetensors',
  'build_model',
]);

/** Whether `name` can be written as a Python identifier (ASCII only, not a keyword). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}

/** The closest identifier to `name`: invalid characters become `_`, a leading digit gets `_`. */
export function toIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (id === '' || /^[0-9]/.test(id)) id = `_${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}

/** `obj.name`, or `getattr(obj, "name")` when the name is not an identifier. */
export function attribute(obj: string, name: string): string {
  return isIdentifier(name) ? `${obj}.${name}` : `getattr(${obj}, ${JSON.stringify(name)})`;
}

/** Hands out unique identifiers within one Python scope. */
export class NameAllocator {
  private readonly used = new Set<string>(TAKEN);

  /** Reserves `names` (e.g. function parameters already fixed) without renaming them. */
  reserve(...names: string[]): void {
    for (const n of names) this.used.add(n);
  }

  /** A fresh identifier based on `hint` (`h`, `h_2`, `h_3`, ...). */
  fresh(hint: string): string {
    const base = toIdentifier(hint);
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }
}
