/** Dropping spans from an AST, to compare trees by structure only. */

/** `T` with every `span` property removed, recursively. */
export type WithoutSpans<T> = T extends readonly (infer U)[]
  ? WithoutSpans<U>[]
  : T extends object
    ? { [K in keyof T as K extends 'span' ? never : K]: WithoutSpans<T[K]> }
    : T;

/**
 * A deep copy of `node` without any `span`: `parse(format(x))` and `parse(x)` must agree on
 * this (comments included, by text and order).
 */
export function stripSpans<T>(node: T): WithoutSpans<T> {
  if (Array.isArray(node)) return node.map((x: unknown) => stripSpans(x)) as WithoutSpans<T>;
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'span') out[k] = stripSpans(v);
    return out as WithoutSpans<T>;
  }
  return node as WithoutSpans<T>;
}
