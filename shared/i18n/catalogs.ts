import { INTL_TAG, type Locale } from './locale';
import en from './messages/en.json';
import fr from './messages/fr.json';

/** Every message key; English is the reference catalog (see docs/i18n.md). */
export type MessageId = keyof typeof en;

/** Typed so that a key missing from fr.json fails the typecheck as well as test/unit/i18n/catalogs.test.ts. */
export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en, fr };

/** What createIntl / IntlProvider need for a locale: the Canadian tag, its catalog, English as the fallback. */
export function intlConfig(locale: Locale) {
  return { locale: INTL_TAG[locale], defaultLocale: INTL_TAG.en, messages: CATALOGS[locale] };
}

declare global {
  namespace FormatjsIntl {
    // formatMessage({ id }) and <FormattedMessage id> accept only keys of the catalogs.
    interface Message {
      ids: MessageId;
    }
  }
}
