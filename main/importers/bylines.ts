import { foldForComparison } from '../../shared/text';
import { knownOutlet, normaliseOutlet, stripCreditDecoration, titleCase } from './outlets';

export interface Byline {
  author: string | null;
  outlet: string | null;
}

const NAME_PARTICLES = new Set('de da del della der den di du la le van von bin ibn al el y dos das st'.split(' '));
// "Smith", "O'Neill", "Jean-Pierre", "J.", "J.R.".
const NAME_PART = /^(?:\p{Lu}[\p{L}'’-]*\.?|(?:\p{Lu}\.){2,3})$/u;
// Words of publications' names, not of people's: "Atlantic Newswire", "Harbour City Chronicle".
const OUTLET_WORDS =
  /^(?:news|newswire|wire|press|presse|times|post|herald|journal|daily|chronicle|gazette|tribune|courier|courrier|review|ledger|observer|media|medias|radio|television|tv|network|reseau|agency|agence|service|services|magazine|bulletin|dispatch|telegraph|star|sun|mail|express|record|report|quotidien|soleil|devoir|nouvelles)$/;

/** "Dylan Robertson", "Jean-Pierre de la Tour", "J. R. Smith": 2–5 words, capitalised, no digits. */
export function isPersonName(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 3 || trimmed.length > 60) return false;
  const words = trimmed.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  let capitalised = 0;
  for (const word of words) {
    if (OUTLET_WORDS.test(foldForComparison(word))) return false;
    if (NAME_PART.test(word)) capitalised++;
    else if (!NAME_PARTICLES.has(word.toLowerCase())) return false;
  }
  return capitalised >= 2 && knownOutlet(trimmed) === null;
}

/** One or more names joined by "and"/"&"/"et": "Jane Doe and John Roe". */
function readAuthors(text: string): string | null {
  const names = text
    .trim()
    .split(/\s+(?:and|&|et)\s+/i)
    .map((name) => name.trim());
  if (!names.every(isPersonName)) return null;
  return names.map(tidyName).join(' and ');
}

function tidyName(name: string): string {
  const collapsed = name.replace(/\s+/g, ' ').trim();
  return collapsed === collapsed.toUpperCase() ? titleCase(collapsed) : collapsed;
}

/** An outlet we do not know, in a credit line: a short run of words, nothing sentence-like. */
function looksLikeOrganisation(text: string): boolean {
  const trimmed = text.trim();
  return /^[\p{L}&'’ .-]{2,40}$/u.test(trimmed) && trimmed.split(/\s+/).length <= 5 && !/[.]\s/.test(trimmed);
}

/**
 * Reads a one-line credit: "By Jane Doe", "By Jane Doe, The Canadian Press",
 * "— Jane Doe, Reuters", "Dylan Robertson / Canadian Press", "Jane Doe, canadian press" (the last
 * two only with an outlet we know, because "Mélanie Joly, Minister" would otherwise be misread).
 */
export function readCreditLine(line: string): Byline | null {
  const undecorated = line.trim().replace(/^[—–-]+\s*/, '');
  const hasBy = /^(?:by|par)\s+/i.test(undecorated);
  const text = undecorated.replace(/^(?:by|par)\s+/i, '').trim();
  // The outlet follows the last comma, slash or bar: "Name, Outlet", "Name / Outlet", "Name | Outlet".
  const split = /^(.+?)\s*(?:,|\/|\||·|•)\s*([^,/|·•]+)$/.exec(text);
  if (split) {
    const author = readAuthors(split[1]!);
    const outletText = split[2]!.trim();
    if (author && knownOutlet(outletText)) return { author, outlet: knownOutlet(outletText) };
    if (author && hasBy && looksLikeOrganisation(outletText) && !isPersonName(outletText)) {
      return { author, outlet: normaliseOutlet(outletText) };
    }
  }
  if (hasBy) {
    const author = readAuthors(text);
    if (author) return { author, outlet: null };
    // "By JORGE SALAZAR Associated Press": the name, then the agency, without a comma.
    const words = text.split(/\s+/);
    for (let cut = words.length - 1; cut >= 2; cut--) {
      const outlet = knownOutlet(words.slice(cut).join(' '));
      const name = readAuthors(words.slice(0, cut).join(' '));
      if (outlet && name) return { author: name, outlet };
    }
  }
  return null;
}

/**
 * Removes a credit from the end of the paragraphs and returns it. Recognised: a name paragraph
 * followed by an outlet paragraph ("Dylan Robertson" / "canadian press"), a one-line credit, or a
 * bare outlet credit ("(Reuters)"). Always leaves at least one paragraph of text.
 */
export function takeTrailingByline(paragraphs: string[]): Byline | null {
  const last = paragraphs[paragraphs.length - 1];
  const beforeLast = paragraphs[paragraphs.length - 2];
  if (last === undefined) return null;

  if (beforeLast !== undefined && paragraphs.length >= 3) {
    const hasBy = /^\s*(?:by|par)\s+/i.test(beforeLast);
    const author = readAuthors(beforeLast.replace(/^\s*(?:[—–-]+\s*)?(?:by|par)\s+/i, ''));
    const outlet = knownOutlet(last) ?? (hasBy && looksLikeOrganisation(last) ? normaliseOutlet(last) : null);
    if (author && outlet) {
      paragraphs.splice(-2, 2);
      return { author, outlet };
    }
  }
  if (paragraphs.length < 2) return null;
  const credit = readCreditLine(last);
  if (credit) {
    paragraphs.pop();
    return credit;
  }
  const outlet = knownOutlet(stripCreditDecoration(last));
  if (outlet) {
    paragraphs.pop();
    return { author: null, outlet };
  }
  return null;
}

/**
 * Removes a credit paragraph from the start (just under the headline): "By Jane Doe[, Outlet]",
 * or a name with an outlet we know, "Dylan Robertson / Canadian Press".
 */
export function takeLeadingByline(paragraphs: string[]): Byline | null {
  const first = paragraphs[0];
  if (first === undefined || paragraphs.length < 2) return null;
  const credit = readCreditLine(first);
  const hasBy = /^\s*(?:[—–-]+\s*)?(?:by|par)\s+/i.test(first);
  if (!credit || (!hasBy && (credit.author === null || credit.outlet === null))) return null;
  paragraphs.shift();
  return credit;
}
