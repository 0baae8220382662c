/**
 * Runs in and out of the page: a download is a zip of the CLI's run directory; an upload
 * is that zip, a zip of a `seqlab train` folder, the folder itself, or its files.
 */
import type { Tf } from '@seqlab/tfjs';
import type { TrainedModel } from '../try/trained-model.js';
import { readRun, runFiles, type LoadedRun, type RunInfo } from './run-dir.js';
import { unzip, zipStore } from './zip.js';

/** The run of `tm` as a zip holding `<folder>/<run files>`. */
export async function runArchive(
  tm: TrainedModel,
  info: RunInfo,
  folder: string,
): Promise<Uint8Array> {
  const files = await runFiles(tm, info);
  return zipStore([...files].map(([name, data]) => ({ name: `${folder}/${name}`, data })));
}

/** Open what the user picked: one zip, or the run's files (from a folder or a multi-select). */
export async function openRun(
  picked: readonly { name: string; bytes: Uint8Array }[],
  tf: Tf,
): Promise<LoadedRun> {
  let files = new Map(picked.map((p) => [p.name, p.bytes]));
  const first = picked[0];
  const label = picked.length === 1 && first ? first.name : `${picked.length} files`;
  if (picked.length === 1 && first && /\.zip$/i.test(first.name)) {
    const z = await unzip(first.bytes);
    if (!z.ok) return { ok: false, problems: [`${first.name}: ${z.error}`] };
    files = z.files;
  }
  const r = readRun(files, tf, `loaded from ${label}`);
  return r.ok ? r : { ok: false, problems: r.problems.map((p) => `${label}: ${p}`) };
}

/** Offer `bytes` as a download named `fileName`. */
export function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
