import { readFileSync, rmSync, statSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { bulkCheckpointPages, openArchive } from '../main/archive/database';
import { insertSources, type TextFacts, textFacts } from '../main/archive/sources';
import { committed } from '../main/archive/writeErrors';
import { refreshRankingIndex } from '../main/search/rankingIndex';
import { refreshSearchTerms } from '../main/search/suggestions';
import { type BenchSource, generateSources } from './corpus';

/** Sources per transaction, as an importer of a large folder would commit them. */
export const BATCH = 1000;

export interface BuildStats {
  count: number;
  inserted: number;
  duplicates: number;
  /** Time the writer spent in insertSources (SQLite), the hashing and counting done beforehand excluded. */
  insertSeconds: number;
  /**
   * Wall time from the first source generated to the last committed, with did-you-mean's word
   * list refreshed and the WAL checkpointed: a worker generates each batch and prepares it (content
   * hash, word count) while the writer stores the one before, as the import pipeline does.
   */
  totalSeconds: number;
  /** Building the exact-ranking index after the import (not in totalSeconds). */
  rankingIndexSeconds: number;
  /** Peak resident memory once the ranking index is built too (peakRssMb is the import's alone). */
  rankingPeakRssMb: number;
  sourcesPerSecond: number;
  /** CPU time of the import, all threads (generating included), and of the writer thread alone. */
  cpuSeconds?: number;
  writerCpuSeconds?: number;
  /**
   * Where the writer's wall time went during the import (Linux schedstat): on a CPU, ready but
   * waiting for one (other processes' load), and neither (blocked: I/O, fsync, waiting for the
   * preparing worker). On a shared machine the rate is read with these beside it.
   */
  writerWaitSeconds?: { runQueue: number; blocked: number };
  /** Highest resident set of the importing process (VmHWM), in MB. */
  peakRssMb: number;
  fileMb: number;
}

/** CPU seconds of this process's main thread (the writer), from the kernel's per-thread account. */
function mainThreadCpuSeconds(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Nanoseconds this process's main thread has spent on a CPU and waiting in the run queue. */
function mainThreadSchedule(): [number, number] | null {
  try {
    const [onCpu, runQueue] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [onCpu!, runQueue!];
  } catch {
    return null;
  }
}

/** Peak resident memory of this process so far, from the kernel's own high-water mark. */
export function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to the current figure.
  }
  return process.memoryUsage.rss() / 1024 / 1024;
}

/** A source as the worker hands it over, as prepareFile does: its body as UTF-8, its original packed. */
type Prepared = Omit<BenchSource, 'original' | 'body'> & TextFacts;

/**
 * The preparing side of the pipeline, in a worker thread: generates the sources and makes what
 * costs CPU outside the write (content hash, word count, the body's UTF-8, the packed original), a
 * batch at a time, and waits for the writer's go-ahead after each so that at most two batches are in
 * memory.
 */
function prepareInWorker(count: number): void {
  const port = parentPort!;
  let batch: Prepared[] = [];
  let credit = 2;
  let resume: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    resume?.();
  });
  const send = async (): Promise<void> => {
    while (credit === 0) await new Promise<void>((r) => (resume = r));
    credit--;
    port.postMessage(batch);
    batch = [];
  };
  void (async () => {
    for (const { original, body, ...source } of generateSources(count)) {
      batch.push({ ...source, ...textFacts(original, body) });
      if (batch.length === BATCH) await send();
    }
    if (batch.length > 0) await send();
    port.postMessage(null);
  })();
}
if (!isMainThread && (workerData as { benchPrepare?: number } | null)?.benchPrepare) {
  prepareInWorker((workerData as { benchPrepare: number }).benchPrepare);
}

/** Batches of prepared sources, from a worker running this same bundle. */
async function* preparedBatches(count: number): AsyncGenerator<Prepared[]> {
  const worker = new Worker(__filename, { workerData: { benchPrepare: count } });
  const queue: (Prepared[] | null)[] = [];
  let wake: (() => void) | null = null;
  worker.on('message', (batch: Prepared[] | null) => {
    queue.push(batch);
    wake?.();
  });
  let failure: unknown = null;
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === null) await new Promise<void>((r) => (wake = r));
      if (failure !== null) throw failure;
      const batch = queue.shift()!;
      if (batch === null) return;
      worker.postMessage('more');
      yield batch;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Builds an archive of `count` generated sources at `file` through insertSources, the importer's
 * path, in transactions of BATCH, each source prepared beforehand by a worker. Tags go in as the
 * analyst would add them; near-duplicates join the cluster of the source they copy.
 */
export async function buildArchive(
  file: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<BuildStats> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = openArchive(file);
  // A bulk write, as the importer's: synchronous NORMAL and checkpoints every 64 MB
  // (withSynchronousNormal, main/archive/database.ts), and a page
  // cache that holds a batch's FTS5 segment while it is written.
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${bulkCheckpointPages(db)}`);
  db.pragma('cache_size = -65536');
  const heads = new Int32Array(count);
  // One statement per batch: each writing statement makes FTS5 write out what it has gathered.
  const addTags = db.prepare(
    `INSERT OR IGNORE INTO source_tags (source_id, tag)
     SELECT value ->> 0, value ->> 1 FROM json_each(?)`,
  );
  let insertMs = 0;
  let inserted = 0;
  let duplicates = 0;
  let done = 0;
  const flush = (batch: Prepared[]): void => {
    const started = performance.now();
    committed(db, () => {
      const outcomes = insertSources(
        db,
        batch.map((s) => ({
          ...s,
          // Not read: they came as bodyUtf8 and originalPacked.
          body: '',
          original: '',
          clusterId: s.duplicateOf === null ? null : heads[s.duplicateOf] || null,
        })),
      );
      const tags: [number, string][] = [];
      outcomes.forEach((outcome, i) => {
        const index = done + i;
        const id = outcome.kind === 'inserted' ? outcome.id : outcome.duplicateOf;
        const source = batch[i]!;
        heads[index] = source.duplicateOf === null ? id : heads[source.duplicateOf] || id;
        if (outcome.kind === 'inserted') inserted++;
        else duplicates++;
        for (const tag of source.tags) tags.push([id, tag]);
      });
      if (tags.length > 0) addTags.run(JSON.stringify(tags));
    });
    insertMs += performance.now() - started;
    done += batch.length;
    onProgress?.(done);
  };
  const pipelineStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  const writerStarted = mainThreadCpuSeconds();
  const scheduleStarted = mainThreadSchedule();
  for await (const batch of preparedBatches(count)) flush(batch);
  // What an importer does once a large import is in: did-you-mean's word list, then a checkpoint.
  refreshSearchTerms(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const totalMs = performance.now() - pipelineStarted;
  const cpu = process.cpuUsage(cpuStarted);
  const writerCpuSeconds = mainThreadCpuSeconds() - writerStarted;
  const scheduleEnded = mainThreadSchedule();
  const writerWaitSeconds =
    scheduleStarted && scheduleEnded
      ? {
          runQueue: (scheduleEnded[1] - scheduleStarted[1]) / 1e9,
          blocked:
            totalMs / 1000 - (scheduleEnded[0] - scheduleStarted[0] + scheduleEnded[1] - scheduleStarted[1]) / 1e9,
        }
      : undefined;
  db.pragma('synchronous = FULL');
  const importPeakMb = peakRssMb();
  const rankingStarted = performance.now();
  refreshRankingIndex(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rankingMs = performance.now() - rankingStarted;
  db.close();
  return {
    count,
    inserted,
    duplicates,
    insertSeconds: insertMs / 1000,
    totalSeconds: totalMs / 1000,
    rankingIndexSeconds: rankingMs / 1000,
    sourcesPerSecond: count / (totalMs / 1000),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    writerCpuSeconds,
    writerWaitSeconds,
    peakRssMb: importPeakMb,
    rankingPeakRssMb: peakRssMb(),
    fileMb: statSync(file).size / 1024 / 1024,
  };
}
