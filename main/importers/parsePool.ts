import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LocalizedText } from '../../shared/i18n/localizedText';
import { ImportFailure } from './importFailure';
import type { PreparedFile } from './storeSources';

const POOL_YOUNG_GENERATION_MB = 8;
/**
 * The cap on a worker's old generation. Without one, V8 let the worker's heap grow to 183 MB
 * committed in about one import in five of the benchmark's 10,000 pages (~75 MB in the others),
 * and the import's peak RSS to 342–364 MB; capped, the heap stays under 50 MB at the cost of more
 * frequent major collections (docs/search.md, "The import pipeline is bound by its writer"). A
 * page that needs more is read again in process (importBuffer.ts), so it is not lost to the cap.
 */
const POOL_OLD_GENERATION_MB = 96;

/** The worker holding this file ran out of memory: the file may be read again without the pool. */
export class PoolOutOfMemory extends ImportFailure {}

/**
 * One worker per core but the writer's (the importer's own thread stores while the pool parses),
 * at least one, at most four. On 2 cores that is one parse worker beside the writer: parsing an
 * HTML page and storing it cost about the same, so a second worker made the import no faster but
 * cost ~0.4 s of CPU to start, ~10% more CPU per file (two threads contending for the parser's
 * core) and ~40 MB (docs/search.md, Import).
 */
export function poolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * Worker threads that parse and prepare text and HTML files (ours, linear-time) while the
 * importer's one writer stores the ones before: one per core beside the writer's, kept for the whole import and
 * closed with it. A worker that dies fails the files it held, and is replaced.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (p: PreparedFile) => void; reject: (e: Error) => void; worker: Worker }
  >();
  private nextId = 0;
  private turn = 0;

  constructor(
    private readonly workerPath: string,
    size = poolSize(),
    private readonly oldGenerationMb = POOL_OLD_GENERATION_MB,
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  parse(name: string, bytes: Uint8Array): Promise<PreparedFile> {
    const worker = this.workers[this.turn++ % this.workers.length]!;
    const id = this.nextId++;
    // Held open while it has work (unref'd, a pending parse would let the process exit unanswered).
    if (this.busy(worker) === 0) worker.ref();
    return new Promise<PreparedFile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.postMessage({ id, name, bytes });
    });
  }

  private busy(worker: Worker): number {
    let count = 0;
    for (const waiting of this.pending.values()) if (waiting.worker === worker) count++;
    return count;
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(new ImportFailure('the import was stopped before this file was read; skipped'));
    }
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerPath, {
      workerData: { pool: true },
      // A page's DOM is garbage once its text is out: a small young generation collects it early
      // (the default lets each worker hold ~48 MB of it; measured, no more CPU).
      resourceLimits: {
        maxYoungGenerationSizeMb: POOL_YOUNG_GENERATION_MB,
        maxOldGenerationSizeMb: this.oldGenerationMb,
      },
    });
    let outOfMemory = false;
    // Before 'exit', which then fails the files it held.
    worker.on('error', (error: NodeJS.ErrnoException) => {
      outOfMemory ||= error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    });
    worker.on(
      'message',
      (
        message:
          | { id: number; ok: true; prepared: PreparedFile }
          | { id: number; ok: false; error: string; text?: LocalizedText },
      ) => {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (message.ok) waiting.resolve(message.prepared);
        else waiting.reject(new ImportFailure(message.error, message.text));
      },
    );
    worker.on('exit', (code) => {
      const at = this.workers.indexOf(worker);
      if (at < 0) return; // closed
      this.workers[at] = this.spawn();
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.pending.delete(id);
        waiting.reject(
          outOfMemory
            ? new PoolOutOfMemory(`the reader ran out of memory (${this.oldGenerationMb} MB); skipped`)
            : new ImportFailure(`the reader stopped unexpectedly (exit code ${code}); skipped`),
        );
      }
    });
    // After the listeners (which ref it again): an idle pool never keeps the process alive.
    worker.unref();
    return worker;
  }
}
