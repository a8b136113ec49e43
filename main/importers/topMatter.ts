import type { EvidenceKind } from '../../shared/source';
import type { Block } from './article';
import { readCreditLine } from './bylines';
import { isOrganisationLine, readAuthorList, readCoverCredit } from './coverPage';
import type { Candidates } from './evidence';
import { findDate, readDateLine } from './printedDates';
import { isTitleLine, sameWords } from './titles';
import { isReleaseLabel, isSlugLine, readWireHeader } from './wireCopy';

/** How far into a document its top matter (header, headline, byline, date, publisher) can reach. */
const TOP_ZONE = 12;
/** Short lines (a subtitle, a series name) the top matter may still follow. */
const MAX_SKIPPED = 3;

export interface TopMatterOptions {
  /** Take the headline from the top (false when the caller already has one). */
  needHeadline: boolean;
  /** A title the file declares strongly (meta tag, front matter): its repetition is the headline. */
  declaredTitle: string | null;
  /** The text set largest on the first page of a PDF. */
  coverTitle: string | null;
}

/**
 * Reads and removes the lines above a document's text that are about it rather than part of it:
 * a wire header, slugs and release labels, the headline, "By …" and "Prepared by …" credits,
 * printed dates, the publishing organisation, a release's "date – place – organisation" line.
 * Returns the headline, if one was taken. Offers what it reads to `found`.
 */
export function readTopMatter(items: Block[], found: Candidates, options: TopMatterOptions): string | null {
  let headline: string | null = null;
  let skipped = 0;
  // Where the top has a heading (a Word title, an <h1>, a PDF's large type), that is the headline,
  // and the short lines above it are labels ("Policy Paper", "Background Paper").
  const hasHeading = items.slice(0, TOP_ZONE).some((item) => item.heading && item.page === 1);
  let i = 0;
  for (let seen = 0; i < items.length && seen < TOP_ZONE && items[i]!.page === 1; seen++) {
    const item = items[i]!;
    const text = item.text;
    const kind = readMetadataLine(text, found);
    if (kind) {
      items.splice(i, 1);
      continue;
    }
    if (options.needHeadline && headline === null && items.length >= 2) {
      const title = hasHeading && !item.heading ? null : headlineKind(item, options);
      if (title) {
        headline = text;
        found.offer('title', text, title);
        items.splice(i, 1);
        continue;
      }
    }
    if (isOrganisationLine(text)) {
      found.offer('outlet', text, 'cover-page');
      items.splice(i, 1);
      continue;
    }
    // The text has begun: a sentence, or more lines than a cover's subtitle and labels.
    if (/[.!?…"”»)]$/.test(text) || text.length > 200 || ++skipped > MAX_SKIPPED) break;
    i++;
  }
  return headline;
}

function headlineKind(item: Block, options: TopMatterOptions): EvidenceKind | null {
  const { declaredTitle, coverTitle } = options;
  if (declaredTitle !== null) return sameWords(item.text, declaredTitle) ? 'headline' : null;
  if (coverTitle !== null && sameWords(item.text, coverTitle)) return 'cover-page';
  if (coverTitle !== null && !item.heading) return null;
  if (isOrganisationLine(item.text) && !item.heading) return null;
  return item.heading || isTitleLine(item.text) ? 'headline' : null;
}

/** Offers what one top line says, and returns true when the line is only metadata. */
function readMetadataLine(text: string, found: Candidates): boolean {
  const wire = readWireHeader(text);
  if (wire) {
    found.offer('outlet', wire.outlet, 'wire-header');
    found.offer('publishedAt', wire.date, 'wire-header');
    return true;
  }
  if (isSlugLine(text) || isReleaseLabel(text)) return true;
  const date = readDateLine(text);
  if (date) {
    found.offer('publishedAt', date.date, 'printed-date', (date.updated ? 2 : 0) + (date.monthOnly ? 1 : 0));
    return true;
  }
  const cover = readCoverCredit(text);
  if (cover) {
    found.offer('author', cover.author, 'byline');
    found.offer('outlet', cover.organisation, 'cover-page');
    return true;
  }
  return readByline(text, found) || readReleaseDateline(text, found);
}

/** "By Jane Doe", "Jane Doe, Reuters", or a name beside the outlet the page declares. */
function readByline(text: string, found: Candidates): boolean {
  const hasBy = /^\s*(?:[—–-]+\s*)?(?:by|par)\s+/i.test(text);
  const credit = readCreditLine(text);
  if (credit && (hasBy || (credit.author !== null && credit.outlet !== null))) {
    found.offer('author', credit.author, 'byline');
    found.offer('outlet', credit.outlet, 'byline');
    return true;
  }
  // "Erin Walsh · Harbour City Chronicle".
  const pair = /^(.+?)\s*(?:,|\/|\||·|•)\s*([^,/|·•]+)$/.exec(text);
  const declaredOutlet = found.value('outlet');
  const author = pair && declaredOutlet && sameWords(pair[2]!, declaredOutlet) ? readAuthorList(pair[1]!) : null;
  found.offer('author', author, 'byline');
  return author !== null;
}

/**
 * "February 27, 2025 – Ottawa, Ontario – Department of Finance Canada", "Ottawa, Ontario,
 * February 27, 2025 — Global Affairs Canada": a release's line of date, place and publisher.
 */
function readReleaseDateline(text: string, found: Candidates): boolean {
  if (text.length > 160) return false;
  const parts = text.split(/\s+[—–-]{1,2}\s+/);
  if (parts.length < 2 || parts.length > 4) return false;
  let date: string | null = null;
  let organisation: string | null = null;
  for (const part of parts) {
    const line = readDateLine(part);
    if (line && !line.monthOnly && date === null) date = line.date;
    else if (isOrganisationLine(part) && organisation === null) organisation = part.trim();
    else if (!/^\p{Lu}[\p{L} .'’()-]{1,40}(?:,\s*\p{Lu}[\p{L} .'’()-]{1,30})?$/u.test(part.trim())) return false;
  }
  if (date === null) return false;
  found.offer('publishedAt', date, 'dateline');
  found.offer('outlet', organisation, 'cover-page');
  return true;
}

// "OTTAWA, Feb. 27, 2025 (Reuters) - ", "MONTRÉAL, le 27 février 2025 (PC) — ".
const DATELINE_PREFIX = /^(\p{Lu}[\p{L} .,'’-]{1,40}?,\s*[^()—–]{6,40}?)\s*(?:\(([^()]{2,30})\))?\s*[—–-]{1,2}\s/u;

/** A full date in the dateline that opens the first paragraph of text. */
export function readDatelineDate(firstParagraph: string): string | null {
  const match = DATELINE_PREFIX.exec(firstParagraph);
  if (!match) return null;
  const date = findDate(match[1]!);
  return date && !date.monthOnly ? date.date : null;
}

/** Authors as a property or a meta tag lists them, or the value as it is when it is not a list of names. */
export function tidyAuthors(value: string): string {
  return readAuthorList(value) ?? value.replace(/\s+/g, ' ').trim();
}
