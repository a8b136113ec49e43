import { importFailure } from '../importFailure';

/**
 * Decodes a text file, refusing (with a one-line reason) anything that is not text we can trust
 * to round-trip: binary files, invalid UTF-8. UTF-16 with a byte-order mark (what Windows Notepad
 * calls "Unicode") is accepted. `fallbackEncoding` is for formats that declare their own
 * (an HTML page's `<meta charset>`); a UTF-8 or UTF-16 byte-order mark still wins over it.
 */
export function decodeText(bytes: Uint8Array, fallbackEncoding?: string): string {
  if (bytes.length === 0) throw importFailure('file is empty', 'import.failure.empty');
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw importFailure('file is not valid UTF-16 text', 'import.failure.notUtf16');
    }
  }
  if (bytes.includes(0))
    throw importFailure('file looks binary (it contains NUL bytes), not plain text', 'import.failure.binary');
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (fallbackEncoding && !hasUtf8Bom && !/^utf-?8$/i.test(fallbackEncoding)) {
    const decoded = decodeAs(bytes, fallbackEncoding);
    if (decoded !== null) return decoded;
  }
  try {
    // Decoding strips a UTF-8 byte-order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw importFailure(
      'file is not valid UTF-8 text (re-save it as UTF-8 and import it again)',
      'import.failure.notUtf8',
    );
  }
}

/** Null when the label is not an encoding this runtime knows, so the caller falls back to UTF-8. */
function decodeAs(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}
