import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Tesseract = typeof import('tesseract.js');
type TesseractWorker = Awaited<ReturnType<Tesseract['createWorker']>>;

/** The languages Précis reads scanned pages in, by their Tesseract codes. */
export type OcrLanguage = 'eng' | 'fra';

/** One line of recognised text, in image pixels (top-left origin). */
export interface OcrLine {
  text: string;
  top: number;
  bottom: number;
}

const resolveHere = createRequire(__filename);

/**
 * A packaged app keeps the OCR files in app.asar.unpacked (electron-builder.yml asarUnpack):
 * the WebAssembly core, the worker script (worker threads cannot start from inside an asar) and
 * the trained data are read from there, never fetched.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The folder holding a language's LSTM model (`<code>.traineddata.gz`), from node_modules. */
export function trainedDataDir(language: OcrLanguage): string {
  const manifest = resolveHere.resolve(`@tesseract.js-data/${language}/package.json`);
  return unpackedPath(join(dirname(manifest), '4.0.0_best_int'));
}

/**
 * The options given to tesseract.js: every path local, nothing cached to the working folder.
 * With `langPath` a folder (not a URL), tesseract.js reads the model with fs.readFile; in Node it
 * requires its core from tesseract.js-core, so `corePath` is only set for completeness.
 */
export function ocrWorkerOptions(language: OcrLanguage) {
  const tesseractRoot = dirname(resolveHere.resolve('tesseract.js/package.json'));
  const coreRoot = dirname(resolveHere.resolve('tesseract.js-core/package.json'));
  return {
    langPath: trainedDataDir(language),
    workerPath: unpackedPath(join(tesseractRoot, 'src', 'worker-script', 'node', 'index.js')),
    corePath: unpackedPath(coreRoot),
    gzip: true,
    cacheMethod: 'none',
    legacyCore: false,
    legacyLang: false,
  } as const;
}

let tesseract: Promise<Tesseract> | null = null;

function loadTesseract(): Promise<Tesseract> {
  // Kept external by the build (tooling/build.mjs): it starts its worker from its own files.
  tesseract ??= import('tesseract.js').then((m) => ((m as { default?: Tesseract }).default ?? m) as Tesseract);
  return tesseract;
}

/**
 * One Tesseract engine per language, started on first use and kept for the rest of the file:
 * loading a model takes about a second, reading a page several.
 */
export class OcrEngines {
  readonly #workers = new Map<OcrLanguage, Promise<TesseractWorker>>();

  async recognise(image: Uint8Array, language: OcrLanguage): Promise<{ text: string; lines: OcrLine[] }> {
    const worker = await this.#worker(language);
    const { data } = await worker.recognize(Buffer.from(image), {}, { blocks: true, text: true });
    const lines: OcrLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const text = line.text.replace(/\s+/g, ' ').trim();
          if (text) lines.push({ text, top: line.bbox.y0, bottom: line.bbox.y1 });
        }
      }
    }
    return { text: data.text, lines };
  }

  #worker(language: OcrLanguage): Promise<TesseractWorker> {
    let worker = this.#workers.get(language);
    if (!worker) {
      const options = ocrWorkerOptions(language);
      // The model is checked here, so a missing package says so rather than failing in a thread.
      const model = join(options.langPath, `${language}.traineddata.gz`);
      if (!existsSync(model)) throw new Error(`the OCR model for ${language} is missing (${model})`);
      worker = loadTesseract().then(async ({ createWorker, OEM }) =>
        createWorker(language, OEM.LSTM_ONLY, {
          ...options,
          errorHandler: () => {},
        }),
      );
      this.#workers.set(language, worker);
    }
    return worker;
  }

  async close(): Promise<void> {
    const workers = [...this.#workers.values()];
    this.#workers.clear();
    await Promise.all(workers.map((w) => w.then((worker) => worker.terminate()).catch(() => {})));
  }
}
