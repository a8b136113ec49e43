// Frequent function words that are (nearly) never words of the other language. Words both
// languages use ("on", "a", "plus", "son") are left out: they would only add noise.
const ENGLISH = new Set(
  'the and of to in is that for with was as by it are from at be this have has had will an which said not but or its their they would were been who'.split(
    ' ',
  ),
);
const FRENCH = new Set(
  'le la les de des du et est une un dans pour que qui sur avec par au aux pas ce cette sont été il elle ont ne se nous vous leur mais ou en'.split(
    ' ',
  ),
);

const MIN_EVIDENCE = 5;
/** The opening of a long text says as much about its language as the whole. */
const SAMPLE_LENGTH = 20_000;

/** 'en' or 'fr' when one language clearly dominates the function words, otherwise null. */
export function detectLanguage(text: string): 'en' | 'fr' | null {
  let en = 0;
  let fr = 0;
  const sample = text.slice(0, SAMPLE_LENGTH).toLowerCase();
  // Latin letters are enough to spot English and French function words, and much faster to scan.
  for (const word of sample.match(/[a-z\u00e0-\u00ff]+/g) ?? []) {
    if (ENGLISH.has(word)) en++;
    else if (FRENCH.has(word)) fr++;
  }
  if (en + fr < MIN_EVIDENCE) return null;
  if (en >= 2 * fr) return 'en';
  if (fr >= 2 * en) return 'fr';
  return null;
}
