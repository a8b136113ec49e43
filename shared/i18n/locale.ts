/** The interface languages. English is the fallback for anything else. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The tag given to Intl formatters (dates, numbers): Canadian English and Canadian French. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The interface language for a BCP-47 tag ("fr-CA") or a POSIX locale ("fr_CA.UTF-8", "C"):
 * its language subtag if we have it, else English.
 */
export function pickLocale(tag: string | null | undefined): Locale {
  const language =
    (tag ?? '')
      .trim()
      .split(/[-_.@]/)[0]
      ?.toLowerCase() ?? '';
  return isLocale(language) ? language : DEFAULT_LOCALE;
}
