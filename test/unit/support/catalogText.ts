import { createIntl } from '@formatjs/intl';
import { intlConfig, type MessageId } from '../../../shared/i18n/catalogs';
import type { Locale } from '../../../shared/i18n/locale';
import type { LocalizedText } from '../../../shared/i18n/localizedText';

const intls = { en: createIntl(intlConfig('en')), fr: createIntl(intlConfig('fr')) };

/** A catalog message main sent, as the interface shows it in `locale` (renderer/i18n/mainText.ts). */
export function catalogText(locale: Locale, text: LocalizedText): string {
  return intls[locale].formatMessage({ id: text.id as MessageId }, text.values);
}
