import { foldForComparison } from '../../shared/text';

const MAX_TITLE_LINE = 200;
const MAX_DERIVED_TITLE = 100;

/** A headline line: short, has words, and does not end like a sentence. */
export function isTitleLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TITLE_LINE) return false;
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return false;
  if (/^(?:[-*+•]\s|\d{1,3}[.)]\s|\|)/.test(trimmed)) return false;
  return !/[.!?”"»…]$/.test(trimmed);
}

/** A markdown heading line, "# Title" (any level, so "## Title" at the top counts too). */
export function markdownTitle(line: string): string | null {
  const match = /^\s*#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
  const title = match?.[1]?.trim();
  return title && /[\p{L}\p{N}]/u.test(title) ? title : null;
}

// "(OTTAWA) ", "(Ottawa) — ", "OTTAWA — ", "SEOUL, South Korea (AP) — ".
const DATELINES = [
  /^\([^()\n]{1,40}\)\s*(?:[—–-]{1,2}\s*)?/u,
  /^\p{Lu}{2,}[\p{L} .,'’-]{0,40}?(?:\s*\([^()]{1,20}\))?\s+[—–-]{1,2}\s+/u,
];

function skipDateline(text: string): string {
  for (const pattern of DATELINES) {
    const match = pattern.exec(text);
    if (match && match[0].length < text.length) return text.slice(match[0].length);
  }
  return text;
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(
  'mr mrs ms mme mlle dr prof st sr jr gen col lt sgt capt cpl adm gov sen rep hon rev no nos vs etc inc ltd co corp dept jan feb mar apr jun jul aug sep sept oct nov dec approx est fig'.split(
    ' ',
  ),
);

/** The first sentence of a paragraph: up to the first . ! or ? that is not an abbreviation. */
export function firstSentence(paragraph: string): string {
  const boundary = /[.!?]["”’»)]*(?=\s+["“‘«(]?[\p{Lu}\p{N}]|\s*$)/gu;
  for (let match = boundary.exec(paragraph); match; match = boundary.exec(paragraph)) {
    const before = /([\p{L}.]+)$/u.exec(paragraph.slice(0, match.index))?.[1] ?? '';
    const word = before.toLowerCase().replace(/\./g, '');
    const isInitial = /^\p{L}$/u.test(word) || /\p{L}\.\p{L}/u.test(before);
    if (match[0].startsWith('.') && (ABBREVIATIONS.has(word) || isInitial)) continue;
    return paragraph.slice(0, match.index + match[0].length);
  }
  return paragraph;
}

/** A title made from the opening sentence, skipping a dateline, cut at a word to ≤ 100 chars. */
export function titleFromText(firstParagraph: string): string | null {
  const sentence = firstSentence(skipDateline(firstParagraph.trim())).trim();
  if (!/[\p{L}\p{N}]/u.test(sentence)) return null;
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence.replace(/(?<!\.)\.$/, '');
  const room = sentence.slice(0, MAX_DERIVED_TITLE - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > MAX_DERIVED_TITLE / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:—–-]+$/, '')}…`;
}

/** "2023_report-final.txt" → "2023 report final": the last resort when the text offers nothing. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const words = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words || 'Untitled source';
}

/** True when two strings are the same words: a page's <h1> repeating its declared title. */
export function sameWords(a: string, b: string): boolean {
  const words = (text: string) =>
    foldForComparison(text)
      .match(/[\p{L}\p{N}]+/gu)
      ?.join(' ') ?? '';
  return words(a) !== '' && words(a) === words(b);
}
