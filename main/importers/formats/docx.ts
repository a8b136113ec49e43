import { DOMParser } from 'linkedom';
import mammoth from 'mammoth';
import { assembleArticle, type ParsedFile } from '../article';
import { hasText } from '../characters';
import { readAuthorList } from '../coverPage';
import { leadingIsoDate, propertyDate } from '../dates';
import { ImportFailure, importFailure } from '../importFailure';
import { type DomDocument, parseHtmlFragment } from './dom';
import { htmlBlocks } from './htmlBlocks';
import { findUnsafeMarkup, sanitisedPage } from './htmlSanitise';
import { describeContent, sniffContent } from './sniffContent';
import { checkZipPackage, isZip, readZipEntry, type ZipEntry } from './zipPackage';

/**
 * Generous for any real report: text parts are a few MB at most, and images are already
 * compressed so they barely expand. A .docx over either limit is refused before mammoth (whose
 * unzipper trusts the sizes a file declares) ever opens it.
 */
export const DOCX_LIMITS = { maxEntries: 2000, maxUncompressedBytes: 64 * 1024 * 1024 };

// Word's own title styles are not in mammoth's default map; without these they read as body text.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * Reads a Word document with mammoth: headings stay paragraphs of their own, lists and tables
 * keep their shape (see htmlBlocks). The original stored is mammoth's HTML, sanitised like a web
 * page (a hostile document can carry `javascript:` links), without images.
 */
export async function parseDocx(bytes: Uint8Array, fileName: string): Promise<ParsedFile> {
  const kind = sniffContent(bytes);
  if (kind === 'old-office') {
    throw importFailure(
      'file is an old-style Word document (.doc), not .docx: save it as .docx in Word first',
      'import.failure.oldWord',
    );
  }
  if (!isZip(bytes)) {
    throw new ImportFailure(
      `file is not a Word document: a .docx is a ZIP package, and this is ${describeContent(kind)}`,
    );
  }
  const entries = checkZipPackage(bytes, DOCX_LIMITS, 'the Word document');
  if (!entries.some((entry) => entry.name === '[Content_Types].xml')) {
    throw new ImportFailure('file is a ZIP archive but not a Word document (it has no [Content_Types].xml)');
  }
  const core = readCoreProperties(bytes, entries);

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Images are neither searchable nor safe to keep as data URLs; mammoth skips reading them.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        ignoreEmptyParagraphs: true,
      },
    );
    html = result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImportFailure(`the Word document cannot be read (${reason})`);
  }

  const doc = parseHtmlFragment(html);
  removeNoteBacklinks(doc);
  const blocks = doc.body ? htmlBlocks(doc.body) : [];
  if (!blocks.some((block) => hasText(block.text)))
    throw importFailure('the Word document has no text', 'import.failure.wordNoText');
  const original = sanitisedPage(doc, core.title);
  const unsafe = findUnsafeMarkup(original);
  if (unsafe) throw new ImportFailure(`the document could not be made safe to store (${unsafe} survived cleaning)`);

  // The file's creation date is weak evidence: a date printed in the text is about the text.
  const article = assembleArticle(blocks, { ...core, evidence: { publishedAt: 'property-date' } }, fileName);
  return { ...article, original, format: 'docx', pageStarts: null };
}

interface CoreProperties {
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
}

const PLACEHOLDER_TITLE = /^(?:title|document\d*|untitled|microsoft word - .*|.*\.docx?)$/i;

/** docProps/core.xml: title, creator, created date, language, where they hold real values. */
function readCoreProperties(bytes: Uint8Array, entries: readonly ZipEntry[]): CoreProperties {
  const none: CoreProperties = { title: null, author: null, publishedAt: null, language: null };
  const entry = entries.find((candidate) => candidate.name === 'docProps/core.xml');
  if (!entry) return none;
  let xml: { getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }> };
  try {
    const text = new TextDecoder().decode(readZipEntry(bytes, entry));
    xml = new DOMParser().parseFromString(text, 'text/xml') as unknown as typeof xml;
  } catch {
    return none;
  }
  const value = (tag: string): string | null => {
    const text = xml.getElementsByTagName(tag)[0]?.textContent?.replace(/\s+/g, ' ').trim();
    return text ? text : null;
  };
  const title = value('dc:title');
  const creator = value('dc:creator');
  return {
    title: title && !PLACEHOLDER_TITLE.test(title) ? title : null,
    author: creator ? readAuthorList(creator) : null,
    publishedAt: propertyDate(leadingIsoDate(value('dcterms:created') ?? '')),
    language: value('dc:language'),
  };
}

/** Mammoth ends each footnote with a "↑" link back to its reference: not text anyone wrote. */
function removeNoteBacklinks(doc: DomDocument): void {
  for (const link of Array.from(
    doc.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"], a[href^="#comment-ref-"]'),
  )) {
    link.remove();
  }
}
