import { parentPort, workerData } from 'node:worker_threads';
import { failedOutcome } from './importFailure';
import { baseName, parseFile } from './parseFile';
import { prepareFile } from './storeSources';

/**
 * The worker-thread entry of parseInWorker.ts and parsePool.ts, bundled to
 * dist/main/parseWorker.cjs.
 * - One file (workerData { name, bytes }): parses it and posts back the parsed source or the
 *   one-line reason it failed. A parser that loops or exhausts its heap takes down this thread
 *   only; the importer terminates it and carries on (PDF, Word).
 * - A pool member (workerData { pool: true }): parses and prepares file after file (text, HTML),
 *   each answered by its id, so that the importer's one writer only writes.
 */
const data = workerData as { name: string; bytes: Uint8Array } | { pool: true };
if ('pool' in data) {
  parentPort?.on('message', ({ id, name, bytes }: { id: number; name: string; bytes: Uint8Array }) => {
    parseFile(name, bytes).then(
      (parsed) => parentPort?.postMessage({ id, ok: true, prepared: prepareFile(parsed, baseName(name)) }),
      (error: unknown) => parentPort?.postMessage({ id, ok: false, ...workerFailure(error) }),
    );
  });
} else {
  parseFile(data.name, data.bytes, { onProgress: (progress) => parentPort?.postMessage({ progress }) }).then(
    (parsed) => parentPort?.postMessage({ ok: true, parsed }),
    (error: unknown) => parentPort?.postMessage({ ok: false, ...workerFailure(error) }),
  );
}

/** The reason, and its catalog message, as the thread that started this one rebuilds them. */
function workerFailure(error: unknown) {
  const { error: reason, errorText } = failedOutcome(error);
  return { error: reason, text: errorText };
}
