/** The padding token: always id 0 in a vocabulary with specials, so zero-filled arrays pad. */
export const PAD = '<pad>';
/** The unknown token: always id 1 in a vocabulary with specials. */
export const UNK = '<unk>';
/** Begin-of-sequence token (optional; id 2 when present). */
export const BOS = '<bos>';
/** End-of-sequence token (optional; after `<bos>` when present). */
export const EOS = '<eos>';

/** Options for {@link Vocabulary.fromTokens}. */
export interface VocabularyOptions {
  /** Tokens seen fewer times are left out (they encode as `<unk>`). Default 1. */
  minCount?: number;
  /** Keep at most this many ordinary tokens (the most frequent). */
  maxSize?: number;
  /** Reserve `<bos>` (id 2). */
  bos?: boolean;
  /** Reserve `<eos>` (after `<bos>` if both). */
  eos?: boolean;
}

/** The JSON form of a {@link Vocabulary} (what `toJSON` writes and `fromJSON` reads). */
export interface VocabularyJSON {
  format: 'seqlab.vocab';
  version: 1;
  /** false for a label vocabulary (ids 0..K-1, no `<pad>`/`<unk>`). */
  specials: boolean;
  bos: boolean;
  eos: boolean;
  /** Every token in id order, specials included. */
  tokens: string[];
}

/**
 * A bijection between strings and ids. With specials (the default) id 0 is `<pad>`, id 1 is
 * `<unk>`, then optional `<bos>`/`<eos>`, then ordinary tokens. A label vocabulary
 * ({@link Vocabulary.ofLabels}) has no specials, so class ids are 0..K-1 and match a
 * `dense(K)` output directly.
 */
export class Vocabulary {
  /** Every token in id order. */
  readonly tokens: readonly string[];
  /** Whether ids 0/1 are `<pad>`/`<unk>`. */
  readonly specials: boolean;
  /** Id of `<bos>`, if reserved. */
  readonly bosId: number | undefined;
  /** Id of `<eos>`, if reserved. */
  readonly eosId: number | undefined;
  private readonly ids: Map<string, number>;

  /**
   * Build from ordinary tokens in id order. Throws on duplicates (a broken invariant: the
   * factories never produce them).
   */
  constructor(
    ordinary: readonly string[],
    opts: { specials?: boolean; bos?: boolean; eos?: boolean } = {},
  ) {
    this.specials = opts.specials ?? true;
    if (!this.specials && (opts.bos || opts.eos)) {
      throw new Error('Vocabulary: <bos>/<eos> need specials');
    }
    const all: string[] = this.specials ? [PAD, UNK] : [];
    this.bosId = opts.bos ? all.push(BOS) - 1 : undefined;
    this.eosId = opts.eos ? all.push(EOS) - 1 : undefined;
    all.push(...ordinary);
    this.ids = new Map();
    all.forEach((t, i) => {
      if (this.ids.has(t)) throw new Error(`Vocabulary: duplicate token ${JSON.stringify(t)}`);
      this.ids.set(t, i);
    });
    this.tokens = all;
  }

  /**
   * Build from token counts (or a stream of tokens to count). Ordinary tokens are ordered by
   * count, most frequent first, ties by code-unit order, so the ids never depend on the
   * order the counts were gathered in.
   */
  static fromTokens(
    counts: ReadonlyMap<string, number> | Iterable<string>,
    opts: VocabularyOptions = {},
  ): Vocabulary {
    const table =
      counts instanceof Map
        ? (counts as ReadonlyMap<string, number>)
        : countAll(counts as Iterable<string>);
    const minCount = opts.minCount ?? 1;
    const reserved = new Set([PAD, UNK, BOS, EOS]);
    let kept = [...table.entries()]
      .filter(([t, c]) => c >= minCount && !reserved.has(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([t]) => t);
    if (opts.maxSize !== undefined) kept = kept.slice(0, opts.maxSize);
    return new Vocabulary(kept, { bos: opts.bos ?? false, eos: opts.eos ?? false });
  }

  /** A label vocabulary: no specials, ids follow the given order. */
  static ofLabels(labels: readonly string[]): Vocabulary {
    return new Vocabulary(labels, { specials: false });
  }

  /** Rebuild from {@link toJSON} output. Throws on a malformed object. */
  static fromJSON(json: unknown): Vocabulary {
    if (typeof json !== 'object' || json === null)
      throw new Error('Vocabulary JSON: not an object');
    const o = json as Partial<Record<keyof VocabularyJSON, unknown>>;
    if (o.format !== 'seqlab.vocab' || o.version !== 1) {
      throw new Error('Vocabulary JSON: expected format "seqlab.vocab" version 1');
    }
    const { tokens } = o;
    if (!Array.isArray(tokens) || !tokens.every((t): t is string => typeof t === 'string')) {
      throw new Error('Vocabulary JSON: tokens must be an array of strings');
    }
    const specials = o.specials === true;
    const bos = o.bos === true;
    const eos = o.eos === true;
    const head = [...(specials ? [PAD, UNK] : []), ...(bos ? [BOS] : []), ...(eos ? [EOS] : [])];
    if (head.some((t, i) => tokens[i] !== t)) {
      throw new Error(`Vocabulary JSON: tokens must start with ${head.join(', ')}`);
    }
    return new Vocabulary(tokens.slice(head.length), { specials, bos, eos });
  }

  /** Number of ids, specials included. */
  get size(): number {
    return this.tokens.length;
  }

  /** True when `token` has its own id. */
  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** The id of `token`: `<unk>` when unknown, or -1 in a label vocabulary. */
  idOf(token: string): number {
    return this.ids.get(token) ?? (this.specials ? 1 : -1);
  }

  /** The token with id `id`; throws when out of range (ids come from this vocabulary). */
  tokenOf(id: number): string {
    const t = this.tokens[id];
    if (t === undefined) throw new Error(`Vocabulary: id ${id} out of range 0..${this.size - 1}`);
    return t;
  }

  /** Ids of `tokens`, optionally wrapped in `<bos>`/`<eos>` (which must be reserved). */
  encode(tokens: Iterable<string>, opts: { bos?: boolean; eos?: boolean } = {}): number[] {
    const out: number[] = [];
    if (opts.bos) out.push(this.required(this.bosId, BOS));
    for (const t of tokens) out.push(this.idOf(t));
    if (opts.eos) out.push(this.required(this.eosId, EOS));
    return out;
  }

  /** Tokens of `ids`; `strip` drops `<pad>`, `<bos>` and `<eos>` (not `<unk>`). */
  decode(ids: Iterable<number>, opts: { strip?: boolean } = {}): string[] {
    const out: string[] = [];
    for (const id of ids) {
      if (opts.strip && this.isStructural(id)) continue;
      out.push(this.tokenOf(id));
    }
    return out;
  }

  /** The JSON form, for saving alongside trained weights. */
  toJSON(): VocabularyJSON {
    return {
      format: 'seqlab.vocab',
      version: 1,
      specials: this.specials,
      bos: this.bosId !== undefined,
      eos: this.eosId !== undefined,
      tokens: [...this.tokens],
    };
  }

  private isStructural(id: number): boolean {
    return (this.specials && id === 0) || id === this.bosId || id === this.eosId;
  }

  private required(id: number | undefined, name: string): number {
    if (id === undefined) throw new Error(`Vocabulary: ${name} is not reserved`);
    return id;
  }
}

/** Count how often each token occurs. */
export function countAll(
  tokens: Iterable<string>,
  into = new Map<string, number>(),
): Map<string, number> {
  for (const t of tokens) into.set(t, (into.get(t) ?? 0) + 1);
  return into;
}
