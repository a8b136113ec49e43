/**
 * The file types the importer reads, by extension: the one list behind the importer's parsers
 * (parseFile.ts types its table by it), its refusal message, the CLI's usage and the README's
 * command table (checked by test/unit/cli/commandList.test.ts). Imports nothing, so `precis --help`
 * can show it without loading a parser.
 */
export const IMPORT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.docx', '.pdf'] as const;
export type ImportExtension = (typeof IMPORT_EXTENSIONS)[number];

/** ".txt, .md, … and .pdf", for messages and usage. */
export const IMPORT_EXTENSIONS_TEXT = `${IMPORT_EXTENSIONS.slice(0, -1).join(', ')} and ${IMPORT_EXTENSIONS.at(-1)}`;

export function isImportExtension(extension: string): extension is ImportExtension {
  return (IMPORT_EXTENSIONS as readonly string[]).includes(extension);
}

/** A reference manager's exports (CSL-JSON, RIS, BibTeX): metadata, read by main/interchange/. */
export const REFERENCE_EXTENSIONS = ['.json', '.ris', '.bib'] as const;

export function isReferenceExtension(extension: string): boolean {
  return (REFERENCE_EXTENSIONS as readonly string[]).includes(extension);
}
