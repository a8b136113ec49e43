import { foldForComparison } from '../../shared/text';
import { knownOutlet } from './outlets';

/**
 * Page furniture that clipping tools and "save page" carry along with an article: newsletter and
 * app promotions, "Read more:" link lists, photo credits and their captions, advertising labels,
 * share buttons, cookie banners, clipper markers. None of it is the author's text, and left in
 * the body it pollutes search and near-duplicate detection. Removed paragraphs are only kept out
 * of the body: every importer also stores the original, so nothing is lost.
 *
 * Rules look at one paragraph's shape and wording, never at a particular site's markup, so they
 * work on text from any source. Each errs towards keeping a paragraph: a long paragraph, or one
 * that reads like a sentence of reporting, is never removed.
 */

const MAX_FURNITURE_LENGTH = 250;

// Matched against folded text (lower case, no accents).
const LINK_LIST_HEADING =
  /^(?:read more|read also|also read|more reading|further reading|related(?: (?:stories|articles|coverage|content|links|reading|news))?|see also|more (?:on this(?: story| topic)?|stories|news|from [\p{L} ]{2,30})|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed)|trending(?: now| stories)?|you (?:may|might) also like|top stories|latest news|lire aussi|a lire (?:aussi|egalement)|voir aussi|sur le meme sujet|en complement|nos suggestions|a voir aussi)\s*:?$/u;
const INLINE_LINK =
  /^(?:read more|read also|also read|related|see also|more|lire aussi|a lire aussi|voir aussi)\s*:\s*\S/u;

const PROMO_VERB =
  /^(?:follow|subscribe|sign up|join|download|get|click|tap|like|listen|watch|register|don'?t miss|never miss|stay (?:informed|up to date|connected)|want more|for (?:the latest|more)|to (?:get|receive)|you can now|abonnez-vous|inscrivez-vous|suivez-nous|suivez|telechargez|recevez|pour ne rien manquer)(?![-\p{L}])/u;
const PROMO_OBJECT =
  /\b(?:google news|newsletters?|infolettres?|our app|the app|mobile app|l'application|notre application|channel|whatsapp|telegram|facebook|twitter|instagram|linkedin|youtube|tiktok|podcasts?|alerts?|inbox|email updates|notifications|headlines|breaking news|fil de presse)\b/u;

const STANDALONE_FURNITURE = [
  /^(?:advertisement|advertising|sponsored(?: content)?|publicite|contenu commandite|skip advertisement|supported by)$/u,
  /^(?:story|article) continues below(?: this)? (?:advertisement|ad)$/u,
  /^(?:continue reading|continue reading below|la suite apres cette publicite)$/u,
  /^(?:share|partager|share this (?:article|story|page)|share on (?:facebook|twitter|x|linkedin|email)|copy link|copier le lien|print|imprimer|email|e-mail|comments?|commentaires?|listen to this article|ecouter cet article|save|bookmark)$/u,
  /^(?:reading time|temps de lecture)\s*:?\s*\d+\s*(?:min|minutes?)$/u,
  /^\d+\s*(?:min|minute)s? (?:read|de lecture)$/u,
  /^(?:accept|reject|refuse|decline|allow)(?: all)?(?: cookies)?$/u,
  /^(?:cookie|privacy) (?:settings|preferences|policy|notice)$/u,
  /^(?:manage|customi[sz]e) (?:cookies|preferences|consent|my choices)$/u,
  /^(?:all rights reserved|tous droits reserves)\.?$/u,
  /^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?[\p{L}\p{N} .,&'-]{0,60}(?:all rights reserved\.?)?$/u,
];
const COOKIE_BANNER =
  /\b(?:we|this (?:web)?site|our (?:web)?site|nous|ce site)\b.{0,60}\b(?:uses?|utilise|utilisons)\b.{0,40}\b(?:cookies?|temoins)\b/u;

const CREDIT_LABEL =
  /^(?:photos?|photograph(?:y|ie)?|image|illustration|graphic|infographic|video|credit(?: photo)?|photo credit)\b\s*[:—–/|-]?\s*/u;
const CREDIT_WORDS =
  /\b(?:archives?|getty|shutterstock|istock|afp|ap|reuters|press|presse|epa|bloomberg|photographer|file|handout|supplied|courtesy|via|collection|agency|agence|pc|cp)\b/u;
const TRAILING_PHOTO_CREDIT = /\((?:[\p{L}. ]{1,30} )?photos?\b[^()]{0,80}\)\s*$/u;

const CLIPPER_MARKER = /^(?:source|src|ref|id)\s*[:#]?\s*[a-z0-9]+(?:[-_.][a-z0-9]+)+$/u;
const TAG_LINE = /^(?:tags|topics|filed under|keywords|mots-cles|sujets|categories?)\s*:/u;

/** Which paragraphs are furniture: `true` keeps that paragraph out of the body. */
export function findBoilerplate(paragraphs: readonly string[]): boolean[] {
  const folded = paragraphs.map((p) => foldForComparison(p.trim()).replace(/\s+/g, ' '));
  const furniture = folded.map((p, i) => isFurniture(p, paragraphs[i]!.trim()));

  for (let i = 0; i < folded.length; i++) {
    const text = folded[i]!;
    if (LINK_LIST_HEADING.test(text)) {
      furniture[i] = true;
      // The list runs until the first paragraph that reads like article text again.
      let j = i + 1;
      while (j < folded.length && isLinkListItem(paragraphs[j]!.trim())) furniture[j++] = true;
      i = j - 1;
    } else if (isCreditLine(text, paragraphs[i]!.trim())) {
      furniture[i] = true;
      // A credit that opens a line ("PHOTO JANE DOE, REUTERS") is followed by its caption.
      const next = paragraphs[i + 1]?.trim();
      if (next !== undefined && CREDIT_LABEL.test(text) && isCaption(next)) furniture[++i] = true;
    }
  }
  markTrailingMarkers(folded, furniture);
  return furniture;
}

function isFurniture(folded: string, original: string): boolean {
  if (original.length > MAX_FURNITURE_LENGTH * 2) return false;
  const unpunctuated = folded.replace(/[.!:]+$/, '');
  if (STANDALONE_FURNITURE.some((pattern) => pattern.test(unpunctuated))) return true;
  if (original.length > MAX_FURNITURE_LENGTH) return false;
  if (PROMO_VERB.test(folded) && PROMO_OBJECT.test(folded)) return true;
  if (COOKIE_BANNER.test(folded)) return true;
  return INLINE_LINK.test(folded) && !/[.!]$/.test(original) && original.length <= 200;
}

/**
 * "PHOTO KIM HONG-JI, ASSOCIATED PRESS ARCHIVES", "Photo: Jane Doe/Reuters", or a caption that
 * ends in its credit: "Ministers meet in Seoul. (AP Photo/Ahn Young-joon)".
 */
function isCreditLine(folded: string, original: string): boolean {
  if (original.length > 200) return false;
  if (TRAILING_PHOTO_CREDIT.test(folded)) return true;
  const label = CREDIT_LABEL.exec(folded);
  if (!label || label[0].length === folded.length) return false;
  const rest = original.slice(label[0].length);
  if (/[.!?]$/.test(original) && !/\b\p{Lu}{2,}\b/u.test(rest)) return false;
  const letters = rest.replace(/[^\p{L}]/gu, '');
  const mostlyCapitals = letters.length > 0 && letters.replace(/\p{Lu}/gu, '').length <= letters.length * 0.2;
  return (
    mostlyCapitals ||
    /[/©]/.test(rest) ||
    CREDIT_WORDS.test(folded.slice(label[0].length)) ||
    knownOutlet(rest) !== null ||
    (label[0].trim().endsWith(':') && rest.length <= 60)
  );
}

/** A photo caption: one short line, not a paragraph of reporting. */
function isCaption(text: string): boolean {
  if (text.length === 0 || text.length > 200) return false;
  const sentenceEnds = text.match(/[.!?](?=\s|$)/g)?.length ?? 0;
  return sentenceEnds === 0 || (sentenceEnds === 1 && text.length <= 120);
}

/** A link-list entry: a headline, a separator, or a teaser cut off with an ellipsis. */
function isLinkListItem(text: string): boolean {
  if (text === '') return false;
  if (/^[-–—•·*|_=~]+$/.test(text)) return true;
  if (text.length > 400) return false;
  const endsLikeSentence = /[.!?]["”’»)]*$/u.test(text);
  // A teaser cut off mid-sentence, possibly followed by its section name ("… World News").
  if (/(?:\.\.\.|…)(?:\s+[\p{L} ]{1,30})?$/u.test(text) || (/(?:\.\.\.|…)/.test(text) && !endsLikeSentence))
    return true;
  return text.length <= 200 && !endsLikeSentence;
}

/** Clipper artefacts and tag lists at the very end: "source site-60", "Tags: Canada, Korea". */
function markTrailingMarkers(folded: readonly string[], furniture: boolean[]): void {
  for (let i = folded.length - 1; i >= 0 && i >= folded.length - 4; i--) {
    if (furniture[i]) continue;
    const text = folded[i]!;
    if ((text.length <= 40 && CLIPPER_MARKER.test(text)) || (text.length <= 300 && TAG_LINE.test(text))) {
      furniture[i] = true;
    } else break;
  }
}
