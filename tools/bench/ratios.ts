/**
 * seqlab ÷ peer: how a seqlab row compares with PyTorch (same model and size) and with the
 * hand-written tfjs-layers model (same model, size, runtime and backend), and whether that
 * meets issue 7's targets: at most 2× PyTorch's step time (5× for the cnn) and at least
 * 1.5× faster than tfjs-layers.
 */
import type { BenchModel, EngineName, Row } from './rows.js';

/** The two peers a seqlab row is compared with. */
export type PeerName = Exclude<EngineName, 'seqlab'>;

/** The largest seqlab ÷ peer step-time ratio that meets issue 7's target. */
export function targetRatio(peer: PeerName, model: BenchModel): number {
  if (peer === 'pytorch') return model === 'cnn' ? 5 : 2;
  return 1 / 1.5;
}

/** A seqlab row against one peer. */
export type Comparison =
  /** Both measured: `ratio` = seqlab ms ÷ peer ms; `met` against {@link targetRatio}. */
  | { readonly kind: 'ratio'; readonly ratio: number; readonly met: boolean }
  /** The peer could not run this cell (an error row): nothing to divide by. */
  | { readonly kind: 'peer-failed'; readonly message: string }
  /** seqlab itself failed or was skipped, or the peer was skipped. */
  | { readonly kind: 'none' }
  /** No row of that peer for this cell (not installed or not selected). */
  | { readonly kind: 'absent' };

/** The peer's row for `row`'s cell: PyTorch matches model and size; tfjs-layers also backend. */
export function peerRow(row: Row, peer: PeerName, rows: readonly Row[]): Row | undefined {
  return rows.find(
    (r) =>
      r.engine === peer &&
      r.model === row.model &&
      r.size === row.size &&
      (peer === 'pytorch' || (r.runtime === row.runtime && r.backend === row.backend)),
  );
}

/** Compare a seqlab row with a peer's row for the same cell among `rows`. */
export function compare(row: Row, peer: PeerName, rows: readonly Row[]): Comparison {
  const other = peerRow(row, peer, rows);
  if (other === undefined) return { kind: 'absent' };
  if (other.status === 'error') return { kind: 'peer-failed', message: other.message };
  if (row.status !== 'ok' || other.status !== 'ok' || other.msPerStep <= 0) return { kind: 'none' };
  const ratio = row.msPerStep / other.msPerStep;
  return { kind: 'ratio', ratio, met: ratio <= targetRatio(peer, row.model) };
}
