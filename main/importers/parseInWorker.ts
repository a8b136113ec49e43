import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalizedText, Worded } from '../../shared/i18n/localizedText';
import type { ParsedFile } from './article';
import { ImportFailure } from './importFailure';
import { assertImportable, extensionOf, parseFile } from './parseFile';

/** A PDF or Word document that takes longer than this to read is abandoned. */
export const PARSE_TIME_LIMIT_MS = 20_000;
/** The worker's V8 heap limit: far above any real report (files are capped at 10 MB). */
export const PARSE_MEMORY_LIMIT_MB = 512;
/**
 * The time each page read by OCR adds to the limit: a scanned page takes a few seconds on a slow
 * laptop (bench/ocr.ts), so a 12-page scan may take a minute or more, and still may not hang.
 */
export const OCR_PAGE_TIME_LIMIT_MS = 30_000;

/**
 * The formats read by large third-party parsers (pdf.js, mammoth) that we cannot prove always
 * finish: these run in a worker thread. Text and HTML are ours, linear-time, and run in process.
 */
const ISOLATED_EXTENSIONS = new Set(['.pdf', '.docx']);

/** Whether `name`'s format is read in a worker of its own, under limits (and so one at a time). */
export function isIsolatedFormat(name: string): boolean {
  return ISOLATED_EXTENSIONS.has(extensionOf(name));
}

export interface ParseOptions {
  /**
   * The bundled worker script. Defaults to the one built next to the running bundle
   * (dist/main/parseWorker.cjs, found from dist/main/cli.cjs or dist/electron/main.cjs). `null`,
   * or no bundle found (unit tests run the TypeScript sources, where there is none), parses in
   * process: same result, without the time and memory limits.
   */
  workerPath?: string | null;
  /**
   * false: text and HTML are parsed in process, not in the parse pool (PDF and Word still in a
   * worker of their own). For a handful of small files, such as the sample articles a new archive
   * is seeded with: starting the pool's threads costs ~0.4 s of CPU each, far more than parsing them.
   */
  pool?: boolean;
  /** The parse pool's cap on each worker's old generation (parsePool.ts), when the pool is started. */
  poolMemoryLimitMb?: number;
  timeLimitMs?: number;
  memoryLimitMb?: number;
  /** Per page read by OCR, added to the time limit when the page starts. */
  ocrPageTimeLimitMs?: number;
  /** Progress within the file, such as "OCR page 3 of 12". */
  onProgress?: (progress: Worded) => void;
}

/**
 * The bundled worker script next to the running bundle, or null when running from sources:
 * dist/main/ for dist/main/cli.cjs, its parent for the CLI's chunks (dist/main/cli-chunks/, where
 * main/cli/chunkLoader.ts runs them), dist/main/ beside dist/electron/ for the app.
 */
export function bundledParseWorker(): string | null {
  for (const candidate of [
    join(__dirname, 'parseWorker.cjs'),
    join(__dirname, '..', 'parseWorker.cjs'),
    join(__dirname, '..', 'main', 'parseWorker.cjs'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * parseFile, with PDF and Word documents read in a worker thread under a time limit and a heap
 * limit, so a hostile or pathological file costs only itself: it fails with a one-line reason
 * ("took longer than 20 s to read; skipped") and the process carries on.
 */
export async function parseFileIsolated(
  name: string,
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedFile> {
  const workerPath = options.workerPath === undefined ? bundledParseWorker() : options.workerPath;
  if (!workerPath || !ISOLATED_EXTENSIONS.has(extensionOf(name))) {
    return parseFile(name, bytes, { onProgress: options.onProgress });
  }
  // The cheap refusals need no thread.
  assertImportable(name, bytes.length);
  const timeLimitMs = options.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  const memoryLimitMb = options.memoryLimitMb ?? PARSE_MEMORY_LIMIT_MB;
  const ocrPageTimeLimitMs = options.ocrPageTimeLimitMs ?? OCR_PAGE_TIME_LIMIT_MS;

  return new Promise<ParsedFile>((resolve, reject) => {
    const worker = new Worker(workerPath, {
      workerData: { name, bytes },
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    // The limit grows with each page read by OCR: the text layer's share, then a budget per page.
    let limitMs = timeLimitMs;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => settle(() => reject(new ImportFailure(`took longer than ${formatSeconds(limitMs)} s to read; skipped`))),
        Math.max(0, started + limitMs - Date.now()),
      );
    };
    arm();
    worker.on('message', (message: WorkerMessage) => {
      if ('progress' in message) {
        if (message.progress.text.id === 'import.progress.ocrPage') {
          limitMs += ocrPageTimeLimitMs;
          arm();
        }
        options.onProgress?.(message.progress);
        return;
      }
      settle(() => (message.ok ? resolve(message.parsed) : reject(new ImportFailure(message.error, message.text))));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settle(() =>
        reject(
          new ImportFailure(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `needed more than ${memoryLimitMb} MB of memory to read; skipped`
              : `could not be imported: ${error.message.split('\n')[0]}`,
          ),
        ),
      );
    });
    worker.on('exit', (code) => {
      settle(() => reject(new ImportFailure(`the reader stopped unexpectedly (exit code ${code}); skipped`)));
    });
  });
}

type WorkerMessage =
  | { ok: true; parsed: ParsedFile }
  | { ok: false; error: string; text?: LocalizedText }
  | { progress: Worded };

function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}
