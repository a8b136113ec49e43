import type { ParsedFile } from '../article';
import { ImportFailure, importFailure } from '../importFailure';
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
  if (kind === 'image') throw importFailure('file is an image, not text', 'import.failure.image');
  const text = decodeText(bytes);
  if (text.trim() === '') throw importFailure('file contains only blank space', 'import.failure.blank');
  return { ...parsePlainText(text, fileName), format, pageStarts: null };
}
