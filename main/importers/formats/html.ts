import { Readability } from '@mozilla/readability';
import { assembleArticle, type Block, type DeclaredMetadata, type ParsedFile } from '../article';
import { isPersonName, readCreditLine } from '../bylines';
import { hasText } from '../characters';
import { ImportFailure, importFailure } from '../importFailure';
import { decodeText } from './decodeText';
import { collapsedText, type DomDocument, type DomElement, parseHtmlDocument } from './dom';
import { htmlBlocks } from './htmlBlocks';
import { readHtmlMetadata } from './htmlMetadata';
import { sanitisedPage, unsafeMarkupIn } from './htmlSanitise';

/**
 * Reads a saved web page. The page is sanitised first (htmlSanitise.ts) and that sanitised page
 * is both what is stored as the original and the only thing Readability and the text extraction
 * ever see, so nothing from the raw markup reaches the archive or the screen.
 */
export function parseHtml(bytes: Uint8Array, fileName: string): ParsedFile {
  const page = parseHtmlDocument(decodeHtml(bytes));
  const declared = readHtmlMetadata(page);
  const original = sanitisedPage(page, declared.title ?? null);
  // The stored original, parsed again: checked for anything the allow-list should have removed,
  // then the one document the text is read from, so what is read is what was checked.
  const stored = parseHtmlDocument(original);
  const unsafe = unsafeMarkupIn(stored);
  if (unsafe) throw new ImportFailure(`the page could not be made safe to store (${unsafe} survived cleaning)`);

  const { blocks, readability } = articleBlocks(stored);
  if (!blocks.some((block) => hasText(block.text)))
    throw importFailure('the page has no readable text', 'import.failure.pageNoText');
  const credit = readability.byline ? readBylineText(readability.byline) : null;
  // Readability's facts come from the same markup, as a byline or a heading would.
  const evidence = {
    ...declared.evidence,
    ...(declared.title ? {} : { title: 'headline' as const }),
    ...(declared.author ? {} : { author: 'byline' as const }),
    ...(declared.outlet ? {} : { outlet: readability.siteName ? ('meta-tag' as const) : ('byline' as const) }),
  };
  const article = assembleArticle(
    blocks,
    {
      ...declared,
      title: declared.title ?? readability.title ?? null,
      author: declared.author ?? credit?.author ?? null,
      outlet: declared.outlet ?? readability.siteName ?? credit?.outlet ?? null,
      publishedAt: declared.publishedAt ?? null,
      language: declared.language ?? readability.lang ?? null,
      evidence,
    },
    fileName,
  );
  return { ...article, original, format: 'html', pageStarts: null };
}

/**
 * Pages declare their encoding in a <meta> tag; without one, text that is not UTF-8 is read as
 * Windows-1252, as browsers do.
 */
function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const charset = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  try {
    return decodeText(bytes, charset);
  } catch (error) {
    if (charset || !(error instanceof ImportFailure) || !/UTF-8/.test(error.message)) throw error;
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

type ReadabilityFacts = Partial<Record<'title' | 'byline' | 'siteName' | 'lang', string | null>>;

/** The article's paragraphs, found by Readability, or the whole visible page when it finds none. */
function articleBlocks(doc: DomDocument): { blocks: Block[]; readability: ReadabilityFacts } {
  removeChrome(doc);
  const visible = doc.body ? htmlBlocks(doc.body) : [];
  let parsed: ReturnType<Readability<DomElement>['parse']> = null;
  try {
    // Readability rearranges the document it reads: it gets this one once its visible text is
    // taken, and hands back its article as an element (not markup to parse again).
    parsed = new Readability<DomElement>(doc as never, {
      charThreshold: 250,
      serializer: (node) => node as unknown as DomElement,
    }).parse();
  } catch {
    parsed = null;
  }
  const content = parsed?.content ?? null;
  const found = content ? htmlBlocks(content) : [];
  const facts: ReadabilityFacts = {
    title: parsed?.title || null,
    byline: parsed?.byline || null,
    siteName: parsed?.siteName || null,
    lang: parsed?.lang || null,
  };
  return { blocks: found.some((block) => hasText(block.text)) ? found : visible, readability: facts };
}

// Class and id words of page chrome: consent banners, sign-up boxes, advertising, share bars,
// "related" rails. Only small elements are removed, so a wrapper around the whole page that
// happens to carry such a class keeps its article.
const CHROME_NAME =
  /cookie|consent|gdpr|newsletter|subscribe|sign-?up|paywall|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|sponsor|promo|share|social|related|recommend|outbrain|taboola|popup|modal|banner|breadcrumb/i;
const CHROME_SELECTOR =
  'nav, [hidden], [aria-hidden="true"], [role="navigation"], [role="banner"], [role="dialog"], [role="alertdialog"], [role="search"], [role="contentinfo"]';
const MAX_CHROME_TEXT = 2000;

function removeChrome(doc: DomDocument): void {
  for (const element of Array.from(doc.querySelectorAll(CHROME_SELECTOR))) element.remove();
  for (const element of Array.from(doc.querySelectorAll('[class], [id]'))) {
    if (['html', 'body', 'main', 'article'].includes(element.localName)) continue;
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (CHROME_NAME.test(names) && collapsedText(element).length < MAX_CHROME_TEXT) element.remove();
  }
}

/** Readability's byline: "By Jane Doe, Reuters", "Jane Doe". */
function readBylineText(byline: string): DeclaredMetadata | null {
  const text = byline.replace(/\s+/g, ' ').trim();
  const credit = readCreditLine(/^(?:by|par)\s/i.test(text) ? text : `By ${text}`);
  if (credit) return credit;
  return isPersonName(text) ? { author: text } : null;
}
