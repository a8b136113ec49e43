import { foldForComparison } from '../../shared/text';
import { knownOutlet, normaliseOutlet } from './outlets';
import { findDate } from './printedDates';

/**
 * The lines wire services put around a story: a header naming the agency with a date and time
 * ("CanWire -- 2025-02-27 14:12 ET", "REUTERS | 27 February 2025 | 09:14 GMT", "Agence
 * France-Presse, 27 février 2025 14h12"), slugs and editors' notes ("BC-CDN-Tariffs", "Eds: …"),
 * end markers ("-30-", "(END)", "###") and the credit line at the foot ("This report by The
 * Canadian Press was first published Feb. 27, 2025.").
 */

const TIME = /\b\d{1,2}(?::\d{2}|\s?h\s?\d{2})(?:\s?[ap]\.?m\.?)?\b|\b\d{1,2}\s?[ap]\.?m\.?/i;
const SEPARATOR = /\s*(?:--|—|–|\||·|•|,|\s-\s)\s*/;

export interface WireHeader {
  outlet: string;
  date: string;
}

/** A header line: an agency, then a date with a time, and nothing else. */
export function readWireHeader(line: string): WireHeader | null {
  const trimmed = line.trim();
  if (trimmed.length > 110 || /[.!?]$/.test(trimmed.replace(/\b(?:[ap]\.m|et|p\.m)\.$/i, ''))) return null;
  const parts = trimmed.split(SEPARATOR);
  const agency = parts[0]!.replace(/^[([]|[)\]]$/g, '').trim();
  const rest = trimmed.slice(trimmed.indexOf(parts[1] ?? '\u0000'));
  if (parts.length < 2 || !/^[\p{L}][\p{L}&.' -]{1,40}$/u.test(agency) || findDate(agency)) return null;
  const found = findDate(rest);
  if (!found || found.monthOnly) return null;
  const folded = foldForComparison(rest);
  const leftover = folded
    .slice(0, found.index)
    .concat(' ', folded.slice(found.index + found.length))
    .replace(TIME, ' ')
    .replace(/\b(?:[a-z]{1,2}t|gmt|utc|hne|hae|hnp|hap|et|heure de l'est)\b/g, ' ')
    .replace(/\b(?:at|a|le)\b/g, ' ')
    .replace(/[\s,.|·•–—():-]+/g, ' ')
    .trim();
  const hasTime = TIME.test(rest);
  // Without a time, only an agency we know makes "Name -- date" a header rather than a dateline.
  if (leftover !== '' || (!hasTime && !knownOutlet(agency))) return null;
  return { outlet: normaliseOutlet(agency), date: found.date };
}

const SLUG = /^\^?(?:[A-Z]{2,}-){1,}[A-Za-z0-9-]+(?:[ ,][\w ,-]{0,40})?[\^<]?$/;
const EDITORS_NOTE =
  /^(?:slug|eds?|editors?'? note|note to editors?|ndlr|urgent|bulletin|flash|advisory|avis aux (?:redactions|medias)|(?:\d+(?:st|nd|rd|th)\s+)?(?:ld|lead)-?writethru|writethru)\b\s*:?/;

/** A slug or an editors' note at the top of wire copy. */
export function isSlugLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > 120) return false;
  if (SLUG.test(trimmed) && !/\s\p{Ll}+\s\p{Ll}+\s/u.test(trimmed)) return true;
  return trimmed.length <= 80 && EDITORS_NOTE.test(foldForComparison(trimmed));
}

const END_MARKER = /^(?:-\s*30\s*-|—\s*30\s*—|\(?end\)?|\(?fin\)?|-\s*fin\s*-|#{3}|\*{3}|xxx|==\s*\p{L}+)$/iu;

export function isEndMarker(line: string): boolean {
  return END_MARKER.test(line.trim());
}

const RELEASE_LABEL =
  /^(?:news release|press release|media release|media advisory|statement|for immediate release|immediate release|communique(?: de presse)?|avis aux medias|declaration|pour diffusion immediate|pour publication immediate|embargo(?:ed)?\b.*|sous embargo\b.*)$/;

/** "NEWS RELEASE", "For immediate release", "Communiqué de presse": labels, not titles. */
export function isReleaseLabel(line: string): boolean {
  return line.trim().length <= 80 && RELEASE_LABEL.test(foldForComparison(line.trim()).replace(/[.:\s]+$/, ''));
}

export interface CreditTagline {
  outlet: string | null;
  date: string | null;
}

const TAGLINE =
  /^(?:this (?:report|story|article|text) (?:by|from) (.{2,60}?) was (?:first |originally )?published|ce (?:texte|reportage|article) (?:de |d'|a ete publie par )(.{2,60}?) a ete (?:publie|diffuse)(?: pour la premiere fois)?)\b/;

/**
 * "This report by The Canadian Press was first published Feb. 27, 2025." and its French form:
 * the credit line at the foot of wire copy, which names the agency and the date of publication.
 */
export function readCreditTagline(paragraph: string): CreditTagline | null {
  const trimmed = paragraph.trim();
  if (trimmed.length > 220) return null;
  const match = TAGLINE.exec(foldForComparison(trimmed));
  if (!match) return null;
  const name = trimmed.slice(match.index, match.index + match[0].length);
  const agency = (match[1] ?? match[2] ?? '').trim();
  const start = foldForComparison(name).indexOf(agency);
  const outletText = start >= 0 ? name.slice(start, start + agency.length) : agency;
  return { outlet: knownOutlet(outletText) ?? normaliseOutlet(outletText), date: findDate(trimmed)?.date ?? null };
}

const SYNDICATION =
  /^(?:this (?:article|story|piece|column) (?:was |is )?(?:originally |first )?(?:published|appeared|produced|republished)|(?:originally|first) (?:published|appeared) (?:in|on|by)|republished (?:with permission )?(?:from|by)|[-—–]*\s*with (?:files|reporting) from|distributed by|syndicated by|reprinted (?:with permission )?from|cet article (?:a ete |est )?(?:d'abord |initialement )?(?:paru|publie)|article (?:initialement )?publie (?:dans|par)|avec la collaboration de|[-—–]*\s*avec (?:des )?informations d[eu'])\b/;

/** A syndication credit: "This article was originally published by …", "Distributed by …". */
export function isSyndicationLine(paragraph: string): boolean {
  const trimmed = paragraph.trim();
  return trimmed.length <= 250 && SYNDICATION.test(foldForComparison(trimmed));
}
