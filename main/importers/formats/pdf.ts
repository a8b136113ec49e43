import { foldForComparison } from '../../../shared/text';
import { assembleArticle, type Block, type ParsedFile } from '../article';
import { hasText } from '../characters';
import { isOrganisationLine, readAuthorList } from '../coverPage';
import { propertyDate, validIsoDate } from '../dates';
import { ImportFailure, importFailure } from '../importFailure';
import { needsOcr, type OcrProgress, readScannedPages } from '../ocr/scannedPages';
import { readDateLine } from '../printedDates';
import { describeContent, sniffContent } from './sniffContent';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | null = null;

/**
 * pdfjs-dist is ESM-only and takes a few hundred milliseconds to load, so it is imported on the
 * first PDF rather than at start-up. The build keeps it external (tooling/build.mjs), so this
 * stays a real import() from node_modules in the bundled CLI too. The legacy build is the one
 * pdf.js supports on Node; 5.6.205 is used because 6.x requires Node 22, and it was checked to
 * load and extract text on Node 20.20 (its own `engines` allows >= 20.19).
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

interface Line {
  text: string;
  y: number;
  height: number;
}

/**
 * Reads a PDF's text page by page. Page breaks are kept (`pageStarts`), so an excerpt can be
 * cited as "p. 3"; running headers, footers and page numbers are left out of the body. The
 * original stored is the text of every page as extracted, pages separated by form feeds.
 */
export async function parsePdf(
  bytes: Uint8Array,
  fileName: string,
  options: { onProgress?: OcrProgress } = {},
): Promise<ParsedFile> {
  const kind = sniffContent(bytes);
  if (kind !== 'pdf') throw new ImportFailure(`file is not a PDF: it is ${describeContent(kind)}`);
  // A download cut short still opens (pdf.js rebuilds what it can), silently missing pages.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  if (!tail.includes('%%EOF')) {
    throw new ImportFailure('the PDF is incomplete (it has no end-of-file marker): it may have been cut short');
  }

  const { getDocument, OPS } = await loadPdfJs();
  // A copy, as a plain Uint8Array: pdf.js refuses Node Buffers and may detach what it is given.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    // Decoded images come back as pixels (for OCR), not as bitmaps for a canvas.
    isOffscreenCanvasSupported: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw describePdfError(error);
    });
    const pages: Line[][] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      pages.push(pageLines(await page.getTextContent()));
      page.cleanup();
    }
    // Scanned pages (no text layer, or next to none) are read by OCR, keeping their page numbers.
    const thin = new Map(pages.flatMap((lines, i) => (needsOcr(lines) ? [[i + 1, lines] as const] : [])));
    const recognised =
      thin.size > 0 ? await readScannedPages(doc, thin, OPS.paintImageXObject, options.onProgress) : new Map();
    for (const [number, lines] of recognised) pages[number - 1] = lines;
    if (!pages.some((lines) => lines.some((line) => hasText(line.text)))) {
      throw importFailure(
        'the PDF has no text: its pages have no text layer, and OCR found none in their images',
        'import.failure.pdfNoText',
      );
    }
    const { info, metadata } = await doc.getMetadata();
    const fields = (info ?? {}) as Record<string, unknown>;
    const title = text(fields.Title) ?? text(metadata?.get('dc:title'));
    // XMP lists creators as an array; the Info dictionary as one string, often "A; B" or "A, B".
    const author = text(fields.Author) ?? text(metadata?.get('dc:creator'));

    const kept = withoutPageFurniture(pages);
    // A running head or foot such as "Published January 23, 2025" is still the printed date.
    const running = pages[0]?.filter((line) => !kept[0]?.includes(line)) ?? [];
    const runningDate = running.find((line) => readDateLine(line.text)?.labelled);
    // A running head that names an organisation names the publisher ("Northern Policy Institute").
    const runningOrganisation = running.find((line) => isOrganisationLine(line.text))?.text ?? null;
    const article = assembleArticle(
      toBlocks(kept),
      {
        title: title && !PLACEHOLDER_TITLE.test(title) ? title : null,
        author: author ? readAuthorList(author) : null,
        language: text(fields.Language),
        // The creation date is weak evidence: a date printed on the cover is about the text.
        publishedAt: runningDate
          ? readDateLine(runningDate.text)!.date
          : propertyDate(pdfDate(text(fields.CreationDate))),
        outlet: runningOrganisation,
        evidence: { publishedAt: runningDate ? 'printed-date' : 'property-date', outlet: 'cover-page' },
      },
      fileName,
      { pageCount: pages.length, coverTitle: largestText(kept[0] ?? []) },
    );
    const original = pages.map((lines) => lines.map((line) => line.text).join('\n')).join('\n\f\n');
    const ocrPages = [...recognised.keys()].sort((a, b) => a - b);
    return { ...article, original, format: 'pdf', ocrPages: ocrPages.length > 0 ? ocrPages : null };
  } finally {
    await task.destroy();
  }
}

function text(value: unknown): string | null {
  if (Array.isArray(value)) return text(value.filter((v) => typeof v === 'string').join('; '));
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}

/**
 * A report's title on its cover: the run of lines set in the largest type on the first page,
 * when that type is clearly larger than the text's.
 */
function largestText(lines: readonly Line[]): string | null {
  if (lines.length < 2) return null;
  const largest = Math.max(...lines.map((line) => line.height));
  const typical = quantile(
    lines.map((line) => line.height),
    0.5,
  );
  if (largest < typical * 1.2) return null;
  const first = lines.findIndex((line) => line.height >= largest * 0.95);
  let end = first;
  while (end + 1 < lines.length && lines[end + 1]!.height >= largest * 0.95) end++;
  const title = lines
    .slice(first, end + 1)
    .map((line) => line.text)
    .join(' ');
  return title.length <= 250 ? title : null;
}

// What PDF writers put in Title when the author did not.
const PLACEHOLDER_TITLE =
  /^(?:untitled|title|document\d*|slide \d+|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|pdf|indd|pptx?|xlsx?|tex|html?))$/i;

function describePdfError(error: unknown): ImportFailure {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') return importFailure('the PDF is password-protected', 'import.failure.pdfPassword');
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ImportFailure(`the PDF is damaged and cannot be read (${message})`);
}

/** "D:20230413120000+05'00'" → "2023-04-13". */
export function pdfDate(value: string | null): string | null {
  const match = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value ?? '');
  return match ? validIsoDate(match[1]!, match[2]!, match[3]!) : null;
}

type TextContent = Awaited<
  ReturnType<Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>['getTextContent']>
>;

/** Lines in reading order: pdf.js gives runs of text, each flagged when a line ends after it. */
function pageLines(content: TextContent): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const y = item.transform[5] as number;
    const height = item.height || Math.abs(item.transform[3] as number);
    // A run that starts lower or higher than the line it would join starts a new line.
    if (current && Math.abs(current.y - y) > Math.max(1, Math.min(current.height, height || current.height) / 2)) {
      lines.push(current);
      current = null;
    }
    current ??= { text: '', y, height };
    current.text += item.str;
    current.height = Math.max(current.height, height);
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines
    .map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() }))
    .filter((line) => line.text !== '');
}

const PAGE_NUMBER =
  /^(?:(?:page|p\.|pg\.?)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*(?:of|\/|sur|de)\s*\d{1,4})?$/i;

/**
 * Drops page numbers, and running heads and feet: a line at the top or bottom of a page that
 * recurs (digits aside) at the top or bottom of at least half the pages, and of two or more.
 */
function withoutPageFurniture(pages: readonly Line[][]): Line[][] {
  const key = (line: Line) => foldForComparison(line.text).replace(/\d+/g, '#');
  const edges = (lines: readonly Line[]) => [...lines.slice(0, 2), ...lines.slice(-2)];
  const counts = new Map<string, number>();
  for (const lines of pages) {
    for (const k of new Set(edges(lines).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter(
      (line) => !PAGE_NUMBER.test(line.text) && !(edge.has(line) && (counts.get(key(line)) ?? 0) >= threshold),
    );
  });
}

/**
 * Groups lines into paragraphs: a new one starts after a wider gap than the usual line spacing,
 * after a short line that ends a sentence, and where the type size changes (a heading).
 */
function toBlocks(pages: readonly Line[][]): Block[] {
  const all = pages.flat();
  const bodyHeight =
    quantile(
      all.map((line) => line.height),
      0.5,
    ) || 10;
  // Most gaps between lines are the line spacing; paragraph gaps are the minority above it.
  const gaps = pages.flatMap((lines) =>
    lines
      .slice(1)
      .map((line, i) => lines[i]!.y - line.y)
      .filter((gap) => gap > 0 && gap < bodyHeight * 3),
  );
  const spacing = quantile(gaps, 0.25) || bodyHeight * 1.2;
  // The measure: how long a full line of text runs (most lines of a paragraph are full).
  const typicalLength =
    quantile(
      all.map((line) => line.text.length),
      0.75,
    ) || 60;

  const blocks: Block[] = [];
  pages.forEach((lines, pageIndex) => {
    let previous: Line | null = null;
    let block: Block | null = null;
    for (const line of lines) {
      const heading = line.height > bodyHeight * 1.25 && line.text.length <= 150;
      const gap = previous ? previous.y - line.y : 0;
      // A line that stops well short of the measure ends its paragraph; on a cover, each short
      // line (organisation, label, date) is a paragraph of its own. A heading wraps onto lines
      // of the same size, with the wider spacing its type size gives.
      const sameHeading = heading && previous !== null && Math.abs(previous.height - line.height) < 0.5;
      const endsParagraph = previous !== null && !sameHeading && previous.text.length < typicalLength * 0.7;
      const wideGap = gap > (sameHeading ? line.height * 1.6 : spacing * 1.45);
      if (!block || wideGap || gap < 0 || heading !== block.heading || endsParagraph) {
        block = { text: line.text, page: pageIndex + 1, heading };
        blocks.push(block);
      } else {
        // A hyphen at a line end is kept: "intelligence-|sharing" is far more common in reports
        // than a word split by hyphenation, and keeping it never loses a character.
        block.text += /\p{L}-$/u.test(block.text) && /^\p{Ll}/u.test(line.text) ? line.text : ` ${line.text}`;
      }
      previous = line;
    }
  });
  return blocks;
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)]!;
}
