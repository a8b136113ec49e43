import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** Independent readers of our .docx output: the zip itself, pandoc, and LibreOffice. */

export function docxParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** The programs missing from the PATH; "soffice|libreoffice" is there if either name is. */
export function missingCommands(commands: readonly string[]): string[] {
  return commands.filter((command) => !command.split('|').some(hasCommand));
}

/** Markdown with typographic quotes kept as written (`-smart`), one line per paragraph. */
export function pandocMarkdown(docxFile: string): string {
  return execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown-smart', '--wrap=none', docxFile], { encoding: 'utf8' });
}

/**
 * Converts with LibreOffice and returns the PDF's text. LibreOffice exits 0 even when it cannot
 * read the file, so the PDF's existence is the real verdict.
 */
export function libreOfficePdfText(docxFile: string): { pdf: string; text: string } {
  const outDir = mkdtempSync(join(tmpdir(), 'precis-lo-'));
  const profile = mkdtempSync(join(tmpdir(), 'precis-lo-profile-'));
  const office = hasCommand('soffice') ? 'soffice' : 'libreoffice';
  try {
    spawnSync(
      office,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docxFile],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const pdf = join(outDir, basename(docxFile).replace(/\.docx$/i, '.pdf'));
    if (!existsSync(pdf)) throw new Error(`LibreOffice produced no PDF for ${docxFile}`);
    return { pdf, text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }) };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
