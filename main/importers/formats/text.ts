import type { ParsedFile } from '../article';
import { ImportFailure } from '../importFailure';
import { parsePlainText } from '../plainText';
import { decodeText } from './decodeText';
import { type ContentKind, describeContent, sniffContent } from './sniffContent';

const EXTENSION_FOR: Partial<Record<ContentKind, string>> = {
  pdf: '.pdf',
  zip: '.docx (if it is a Word document)',
  'old-office': '.doc, which must be saved as .docx first',
};

/** A .txt or .md file: decoded (see decodeText) and read by the plain-text heuristics. */
export function parseText(bytes: Uint8Array, fileName: string, format: 'txt' | 'md'): ParsedFile {
  // A PDF or Word file saved under the wrong name would otherwise be refused as "not UTF-8".
  const kind = sniffContent(bytes);
  const rightExtension = EXTENSION_FOR[kind];
  if (rightExtension) {
    throw new ImportFailure(`file is ${describeContent(kind)}, not plain text: rename it to ${rightExtension}`);
  }
  if (kind === 'image') throw new ImportFailure('file is an image, not text');
  const text = decodeText(bytes);
  if (text.trim() === '') throw new ImportFailure('file contains only blank space');
  return { ...parsePlainText(text, fileName), format, pageStarts: null };
}
