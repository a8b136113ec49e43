import type { IntlShape } from 'react-intl';
import { pageAt } from '../../shared/source';

/**
 * Where the reader marks text read by OCR: for each page in `ocrPages`, the first paragraph
 * printed on it, by that paragraph's body offset. A quotation from such a page may carry
 * recognition errors, so the analyst should check it against the scan.
 */
export function ocrMarks(
  source: { pageStarts: readonly number[] | null; ocrPages: readonly number[] | null },
  paragraphStarts: readonly number[],
): Map<number, number> {
  const marks = new Map<number, number>();
  const ocr = new Set(source.ocrPages ?? []);
  if (ocr.size === 0) return marks;
  const marked = new Set<number>();
  for (const start of paragraphStarts) {
    const page = pageAt(source.pageStarts, start);
    if (page !== null && ocr.has(page) && !marked.has(page)) {
      marked.add(page);
      marks.set(start, page);
    }
  }
  return marks;
}

export function ocrMarkLabel(intl: IntlShape, page: number): string {
  return intl.formatMessage({ id: 'reader.ocr.label' }, { page });
}
