import { type Worded, worded } from '../../../shared/i18n/localizedText';
import { detectLanguage } from '../language';
import { OcrEngines, type OcrLanguage, type OcrLine } from './ocrEngine';
import { largestPageImage, toPgm } from './pageImage';

/** Reports OCR progress, as "OCR page 3 of 12", in English and as a catalog message. */
export type OcrProgress = (progress: Worded) => void;

export function ocrPageProgress(page: number, pages: number): Worded {
  return worded(`OCR page ${page} of ${pages}`, 'import.progress.ocrPage', {
    page: String(page),
    pages: String(pages),
  });
}

/**
 * A page with fewer letters and digits than this in its text layer is looked at for a scan: an
 * access-to-information release stamps a line or two of real text ("Released under the ATIA")
 * on each scanned page, which is not the page's text.
 */
export const MIN_TEXT_LAYER_CHARACTERS = 200;
/** A scan of a page: an image of at least this many pixels (a third of a page at 100 dpi). */
const MIN_SCAN_PIXELS = 300_000;

/** A text line on a PDF page, in PDF units from the bottom of the page (as pdf.ts reads them). */
export interface PageLine {
  text: string;
  y: number;
  height: number;
}

interface PdfPage {
  view: number[];
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  objs: { get(id: string, callback: (value: unknown) => void): void; has(id: string): boolean };
  commonObjs: { get(id: string, callback: (value: unknown) => void): void; has(id: string): boolean };
  cleanup(): void;
}

interface PdfDocument {
  numPages: number;
  getPage(number: number): Promise<PdfPage>;
}

/** True when a page's text layer is missing or too thin to be the page's text: worth a look for a scan. */
export function needsOcr(lines: readonly PageLine[]): boolean {
  const characters = lines.reduce((n, line) => n + (line.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);
  return characters < MIN_TEXT_LAYER_CHARACTERS;
}

/**
 * Reads the given pages (by number, with what their text layer has) by OCR, one at a time, each
 * from the largest image it paints (a scan is one full-page image); a page without a large image
 * keeps its text layer. The language is chosen from the document: the first page is read
 * with the English model and, when its words are French, read again with the French one, which
 * then reads the rest. Returns each page's lines in the page's own units, so paragraphs and page
 * numbers work as for a text layer; a page with no image or no text is left out.
 */
export async function readScannedPages(
  doc: PdfDocument,
  textLayers: ReadonlyMap<number, readonly PageLine[]>,
  paintImage: number,
  onProgress: OcrProgress = () => {},
): Promise<Map<number, PageLine[]>> {
  const engines = new OcrEngines();
  const read = new Map<number, PageLine[]>();
  let language: OcrLanguage | null = null;
  try {
    for (const number of textLayers.keys()) {
      const page = await doc.getPage(number);
      const image = await largestPageImage(page, paintImage);
      const pageHeight = Math.abs((page.view[3] ?? 792) - (page.view[1] ?? 0));
      page.cleanup();
      if (!image || image.width * image.height < MIN_SCAN_PIXELS) continue;
      onProgress(ocrPageProgress(number, doc.numPages));
      const pgm = toPgm(image);
      let result = await engines.recognise(pgm, language ?? 'eng');
      if (!language) {
        language = detectLanguage(result.text) === 'fr' ? 'fra' : 'eng';
        if (language === 'fra') result = await engines.recognise(pgm, 'fra');
      }
      const scale = pageHeight / image.height;
      const lines = result.lines.map((line) => toPageLine(line, image.height, scale));
      // What the text layer had (a stamp, a page number) stays, in its place on the page.
      const merged = [...lines, ...(textLayers.get(number) ?? [])].sort((a, b) => b.y - a.y);
      if (lines.length > 0) read.set(number, merged);
    }
  } finally {
    await engines.close();
  }
  return read;
}

function toPageLine(line: OcrLine, imageHeight: number, scale: number): PageLine {
  // PDF y grows upwards; a line sits on its bottom edge, near where its baseline would be.
  return { text: line.text, y: (imageHeight - line.bottom) * scale, height: (line.bottom - line.top) * scale };
}
