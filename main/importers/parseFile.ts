import type { Worded } from '../../shared/i18n/localizedText';
import type { ParsedFile } from './article';
import { hasText } from './characters';
import { parseText } from './formats/text';
import { formatMegabytes, ImportFailure, importFailure, MAX_IMPORT_BYTES } from './importFailure';
import { IMPORT_EXTENSIONS_TEXT, type ImportExtension, isImportExtension, isReferenceExtension } from './importFormats';

/** What a reader may report while it works, such as "OCR page 3 of 12". */
export interface ParseContext {
  onProgress?: (progress: Worded) => void;
}

type Parser = (bytes: Uint8Array, fileName: string, context: ParseContext) => ParsedFile | Promise<ParsedFile>;

// The HTML, Word and PDF readers (linkedom, Readability, mammoth, JSZip, PDF.js) load on their
// format's first file: a parse worker reading web pages never compiles the Word reader, and the
// CLI's writer thread, which parses nothing itself, loads none of them.
const parseHtml: Parser = async (bytes, name) => (await import('./formats/html')).parseHtml(bytes, name);

// Typed by the one list of formats: a listed format without a parser (or the reverse) fails to compile.
const PARSERS: Record<ImportExtension, Parser> = {
  '.txt': (bytes, name) => parseText(bytes, name, 'txt'),
  '.md': (bytes, name) => parseText(bytes, name, 'md'),
  '.markdown': (bytes, name) => parseText(bytes, name, 'md'),
  '.html': parseHtml,
  '.htm': parseHtml,
  '.docx': async (bytes, name) => (await import('./formats/docx')).parseDocx(bytes, name),
  '.pdf': async (bytes, name, context) => (await import('./formats/pdf')).parsePdf(bytes, name, context),
};

// Formats people will try, with what to do instead.
const ADVICE: Record<string, string> = {
  '.doc': 'save it as .docx in Word first',
  '.rtf': 'save it as .docx first',
  '.odt': 'save it as .docx first',
  '.pages': 'export it as .docx or PDF first',
  '.mhtml': 'save the page as "Web page, HTML only" instead',
  '.mht': 'save the page as "Web page, HTML only" instead',
  '.webarchive': 'save the page as HTML instead',
};

/** The file name without any folder, whichever separator the name came with. */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export function extensionOf(name: string): string {
  const match = /\.[^.\\/]+$/.exec(baseName(name));
  return match ? match[0].toLowerCase() : '';
}

/**
 * The checks a file passes before any reader sees its bytes: a format we read, a size we accept,
 * not empty. Every way in runs this one function (importPaths before reading the file from disk,
 * parseFile before parsing, parseFileIsolated before starting a thread), so all refuse the same
 * files in the same words. Throws ImportFailure with the one-line reason.
 */
export function assertImportable(name: string, size: number): void {
  const extension = extensionOf(name);
  if (!isImportExtension(extension) && !isReferenceExtension(extension)) {
    const advice = ADVICE[extension];
    if (advice) throw new ImportFailure(`unsupported format ${extension}: ${advice}`);
    throw importFailure(
      `unsupported format ${extension || '(no extension)'} (Précis imports ${IMPORT_EXTENSIONS_TEXT})`,
      extension ? 'import.failure.unsupported' : 'import.failure.noExtension',
      { extension, formats: IMPORT_EXTENSIONS_TEXT },
    );
  }
  if (size > MAX_IMPORT_BYTES) {
    throw importFailure(
      `file is too large (${formatMegabytes(size)}; the limit is ${formatMegabytes(MAX_IMPORT_BYTES)})`,
      'import.failure.tooLarge',
      { size: formatMegabytes(size), limit: formatMegabytes(MAX_IMPORT_BYTES) },
    );
  }
  if (size === 0) throw importFailure('file is empty', 'import.failure.empty');
}

/**
 * Reads one file, whatever its format, into a source ready to store. The extension chooses the
 * reader; each reader checks that the content really is what the name says. Throws ImportFailure
 * with a one-line reason when the file cannot be imported.
 */
export async function parseFile(name: string, bytes: Uint8Array, context: ParseContext = {}): Promise<ParsedFile> {
  assertImportable(name, bytes.length);
  // A reference manager's export is metadata, read by main/interchange/, never parsed as a text.
  if (!isImportExtension(extensionOf(name)))
    throw importFailure(`${extensionOf(name)} files hold references, not a text`, 'import.failure.references', {
      extension: extensionOf(name),
    });
  const fileName = baseName(name);
  const parsed = await PARSERS[extensionOf(name) as ImportExtension](bytes, fileName, context);
  if (!hasText(parsed.body))
    throw importFailure('no text left after cleaning (no letters or digits)', 'import.failure.noTextLeft');
  return parsed;
}
