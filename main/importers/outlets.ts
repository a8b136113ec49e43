import { foldForComparison } from '../../shared/text';

/**
 * Wire services and outlets as they should be cited. Clipped articles credit them in every
 * spelling ("canadian press", "CP", "The Canadian Press"); citations must use one.
 */
const KNOWN_OUTLETS: Record<string, string> = {
  'canadian press': 'The Canadian Press',
  'presse canadienne': 'La Presse Canadienne',
  'la presse canadienne': 'La Presse Canadienne',
  // Datelines credit them by initials: "OTTAWA (CP) —", "MONTRÉAL (PC) —".
  cp: 'The Canadian Press',
  pc: 'La Presse Canadienne',
  'associated press': 'The Associated Press',
  ap: 'The Associated Press',
  reuters: 'Reuters',
  'thomson reuters': 'Reuters',
  'agence france-presse': 'Agence France-Presse',
  'agence france presse': 'Agence France-Presse',
  afp: 'Agence France-Presse',
  bloomberg: 'Bloomberg',
  'bloomberg news': 'Bloomberg',
  'la presse': 'La Presse',
  'le devoir': 'Le Devoir',
  'radio-canada': 'Radio-Canada',
  cbc: 'CBC News',
  'cbc news': 'CBC News',
  'ctv news': 'CTV News',
  'global news': 'Global News',
  'globe and mail': 'The Globe and Mail',
  'toronto star': 'Toronto Star',
  'national post': 'National Post',
  'ottawa citizen': 'Ottawa Citizen',
  'hill times': 'The Hill Times',
  'postmedia news': 'Postmedia News',
  yonhap: 'Yonhap News Agency',
  'yonhap news agency': 'Yonhap News Agency',
  'kyodo news': 'Kyodo News',
  kyodo: 'Kyodo News',
  'korea herald': 'The Korea Herald',
  'japan times': 'The Japan Times',
  'new york times': 'The New York Times',
  'washington post': 'The Washington Post',
  'wall street journal': 'The Wall Street Journal',
  'financial times': 'Financial Times',
  guardian: 'The Guardian',
  economist: 'The Economist',
  bbc: 'BBC News',
  'bbc news': 'BBC News',
};

function outletKey(text: string): string {
  return foldForComparison(text)
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .replace(/^the /, '')
    .trim();
}

/** Strips the decoration credits come with: "— ", "(Reuters)", "[AFP]". */
export function stripCreditDecoration(line: string): string {
  return line
    .trim()
    .replace(/^[—–-]+\s*/, '')
    .replace(/^[([](.*)[)\]]$/, '$1')
    .trim();
}

export function knownOutlet(line: string): string | null {
  return KNOWN_OUTLETS[outletKey(stripCreditDecoration(line))] ?? null;
}

/** The canonical name of a known outlet, or the text title-cased. */
export function normaliseOutlet(line: string): string {
  const text = stripCreditDecoration(line);
  // A name written in mixed case is written as its owner spells it ("Le Fil mondial").
  const mixedCase = /\p{Lu}/u.test(text) && /\p{Ll}/u.test(text);
  return knownOutlet(text) ?? (mixedCase ? text.replace(/\s+/g, ' ') : titleCase(text));
}

const SMALL_WORDS = new Set('a an and at by for in of on or the to de du des la le les et d l'.split(' '));

/** "canadian press" → "Canadian Press"; keeps acronyms and mixed-case words ("CBC", "McGill") as written. */
export function titleCase(text: string): string {
  const allCaps = text === text.toUpperCase();
  return text
    .trim()
    .split(/\s+/)
    .map((word, index) => {
      const isMixedOrAcronym = !allCaps && word !== word.toLowerCase();
      if (isMixedOrAcronym) return word;
      const lower = word.toLowerCase();
      if (index > 0 && SMALL_WORDS.has(lower)) return lower;
      // Capitalise each part of hyphenated names: "radio-canada" → "Radio-Canada".
      return lower.replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
    })
    .join(' ');
}
