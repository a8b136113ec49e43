import { foldForComparison } from '../../shared/text';
import { isPersonName, readCreditLine } from './bylines';
import { knownOutlet } from './outlets';

/**
 * What a report's cover, a press release's head or a transcript's heading says about who
 * published it: an organisation's name on a line of its own ("Department of Finance Canada",
 * "Institut de recherche en politiques publiques", "Global Affairs Canada"), or "Prepared by …",
 * "Published by …", "Préparé par …". And the authors a document property names, when they are
 * people rather than what Office or a generator fills in.
 */

const ORGANISATION_WORDS = new Set(
  `department ministry ministere ministre minister's government gouvernement institute institut centre center council
  conseil office bureau agency agence foundation fondation commission secretariat board library bibliotheque forum
  association society societe university universite parliament parlement senate senat committee comite authority
  autorite directorate direction branch bank banque network reseau observatory observatoire think tank
  statistics statistique treasury tresor corporation services chamber chambre cabinet federation alliance
  coalition collaborative trust fund fonds court cour tribunal house communes assembly assemblee police
  forces force affaires affairs commissioner commissaire ombudsman program programme finance finances`
    .split(/\s+/)
    .filter(Boolean),
);
const JURISDICTIONS =
  /\b(?:canada|quebec|ontario|alberta|manitoba|saskatchewan|nunavut|yukon|britannique|brunswick|scotia|ecosse)$/;
// Words of titles, not of names: "Evaluation of the … Program" is a report, not its publisher.
const TITLE_WORDS =
  /\b(?:report|rapport|review|strategy|strategie|study|etude|analysis|analyse|remarks|allocution|transcript|transcription|evidence|temoignages|statement|declaration|update|outlook|annual|annuel|summary|sommaire|framework|cadre|assessment|evaluation|audit|guide|overview|apercu|submission|memoire|proceedings|speech|discours|lessons|options|scenarios|towards?|vers|calls?|announces?|annonce|welcomes?)\b/;
const SMALL = new Set('of and for the on in de du des la le les et pour en sur au aux d l a of-the'.split(' '));

/** A line that is an organisation's name: short, capitalised, with a word organisations use. */
export function isOrganisationLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 6 || trimmed.length > 90 || /[.!?:;]$/.test(trimmed) || /\d{3,}/.test(trimmed)) return false;
  if (knownOutlet(trimmed)) return true;
  const words = trimmed.split(/\s+/);
  if (words.length < 2 || words.length > 11) return false;
  const folded = foldForComparison(trimmed);
  const foldedWords = folded.split(/[\s'’-]+/);
  if (TITLE_WORDS.test(folded)) return false;
  if (!foldedWords.some((word) => ORGANISATION_WORDS.has(word)) && !JURISDICTIONS.test(folded)) return false;
  // French names are capitalised on their first word only: "Institut de recherche en politiques publiques".
  if (ORGANISATION_WORDS.has(foldedWords[0]!) && /^\p{Lu}/u.test(trimmed) && /^[\p{L}'’ -]+$/u.test(trimmed))
    return true;
  // Otherwise title case (or capitals): every word that is not a small word starts with a capital.
  return words.every(
    (word, i) =>
      /^[\p{Lu}\d(&]/u.test(word) ||
      (i > 0 && SMALL.has(foldForComparison(word).replace(/[’']$/, ''))) ||
      /^[dl][’']\p{Lu}/u.test(word),
  );
}

const PUBLISHER_LABEL =
  /^(?:published by|issued by|from|publie par|une publication d[eu]|publication d[eu]|source)\s*:?\s+/;
const AUTHOR_LABEL =
  /^(?:prepared by|written by|authors?|by|par|prepare par|redige par|auteur(?:e|s|es)?|redaction)\s*:?\s+/;

export interface CoverCredit {
  author: string | null;
  organisation: string | null;
}

/** "Prepared by Jane Doe and John Roe", "Authors: Jane Doe, John Roe", "Published by the Institute". */
export function readCoverCredit(line: string): CoverCredit | null {
  const trimmed = line.trim().replace(/\.$/, '');
  if (trimmed.length > 160) return null;
  const folded = foldForComparison(trimmed);
  const publisher = PUBLISHER_LABEL.exec(folded);
  if (publisher) {
    const rest = trimmed.slice(publisher[0].length);
    return isOrganisationLine(rest) ? { author: null, organisation: rest } : null;
  }
  const label = AUTHOR_LABEL.exec(folded);
  if (!label) return null;
  const rest = trimmed.slice(label[0].length);
  const credit = readCreditLine(`By ${rest}`);
  if (credit?.author) return { author: credit.author, organisation: credit.outlet };
  const authors = readAuthorList(rest);
  if (authors) return { author: authors, organisation: null };
  return isOrganisationLine(rest) ? { author: null, organisation: rest } : null;
}

/** What word processors and generators put in the Author property when nobody typed a name. */
const GENERIC_AUTHOR =
  /^(?:user|utilisateur|admin|administrator|administrateur|owner|proprietaire|author|auteur|unknown|inconnu|default|guest|invite|staff|word|writer|microsoft|microsoft word|microsoft office user|utilisateur de microsoft office|windows user|utilisateur windows|office user|valued customer|preferred customer|registered user|hp|dell|lenovo|compaq|pc|python-docx|docx|libreoffice|openoffice|apache poi|un-named|anonymous|anonyme|none|n\/a|test|me|moi|[a-z]{1,3}\d*|user\d+)$/;

export function isGenericAuthor(value: string): boolean {
  return GENERIC_AUTHOR.test(foldForComparison(value.trim()).replace(/\s+/g, ' '));
}

/**
 * Names as a property or credit lists them: "Jane Doe", "Jane Doe; John Roe", "Jane Doe, John
 * Roe and Ann Lee", "Doe, Jane". Returns "Jane Doe and John Roe", or null when any part is not a
 * person's name (an organisation, a placeholder).
 */
export function readAuthorList(value: string): string | null {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > 300 || isGenericAuthor(text)) return null;
  const names: string[] = [];
  for (const part of text.split(/\s*(?:;|&|\band\b|\bet\b)\s*/i).filter(Boolean)) {
    // "Doe, Jane" (one surname, then given names) is one name; "Jane Doe, John Roe" is two.
    const inverted = /^([\p{Lu}][\p{L}'’-]+),\s*([\p{Lu}][\p{L}.'’ -]+)$/u.exec(part);
    if (inverted && isPersonName(`${inverted[2]} ${inverted[1]}`)) names.push(`${inverted[2]!.trim()} ${inverted[1]}`);
    else names.push(...part.split(/\s*,\s*/).filter(Boolean));
  }
  const tidy = names.map((name) => name.replace(/^(?:dr|prof|mr|mrs|ms|mme|m)\.?\s+/i, '').trim());
  const isName = (name: string) => isPersonName(name) && !isGenericAuthor(name) && !isOrganisationLine(name);
  return tidy.length > 0 && tidy.every(isName) ? tidy.join(' and ') : null;
}
