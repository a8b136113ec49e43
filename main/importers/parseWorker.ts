import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure } from './importFailure';
import { parseFile } from './parseFile';

/**
 * The worker-thread entry of parseInWorker.ts, bundled to dist/main/parseWorker.cjs: parses one
 * file and posts back the parsed source or the one-line reason it failed. A parser that loops or
 * exhausts its heap takes down this thread only; the importer terminates it and carries on.
 */
const { name, bytes } = workerData as { name: string; bytes: Uint8Array };
parseFile(name, bytes, { onProgress: (progress) => parentPort?.postMessage({ progress }) }).then(
  (parsed) => parentPort?.postMessage({ ok: true, parsed }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: describeFailure(error) }),
);
