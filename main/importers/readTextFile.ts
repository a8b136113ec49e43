import { readFileSync, statSync } from 'node:fs';

/** Files larger than this are refused: no article is this long, and the whole file is held in memory. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** A reason a file cannot be imported, worded for the person who chose the file. */
export class ImportFailure extends Error {}

/**
 * Reads a text file as a string, refusing (with a one-line reason) anything that is not text we
 * can trust to round-trip: binary files, invalid UTF-8, oversized files. UTF-16 with a byte-order
 * mark (what Windows Notepad calls "Unicode") is accepted.
 */
export function readTextFile(path: string): string {
  const stats = statSync(path);
  if (stats.size > MAX_IMPORT_BYTES) {
    throw new ImportFailure(
      `file is too large (${formatMegabytes(stats.size)}; the limit is ${formatMegabytes(MAX_IMPORT_BYTES)})`,
    );
  }
  const bytes = readFileSync(path);
  if (bytes.length === 0) throw new ImportFailure('file is empty');

  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFailure('file is not valid UTF-16 text');
    }
  }
  if (bytes.includes(0)) throw new ImportFailure('file looks binary (it contains NUL bytes), not plain text');
  try {
    // Decoding strips a UTF-8 byte-order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFailure('file is not valid UTF-8 text (re-save it as UTF-8 and import it again)');
  }
}

function utf16Encoding(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
