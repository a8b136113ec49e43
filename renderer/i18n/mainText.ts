import type { IntlShape } from 'react-intl';
import type { MessageId } from '../../shared/i18n/catalogs';
import type { LocalizedText } from '../../shared/i18n/localizedText';

/**
 * A sentence main wrote, in the interface language: its catalog messages when main sent them
 * (one sentence each, joined as main joins its English), otherwise main's English as it is.
 * The id comes from main, which types it against the catalogs (shared/i18n/localizedText.ts).
 */
export function mainText(intl: IntlShape, english: string, texts: readonly LocalizedText[] | undefined): string;
export function mainText(
  intl: IntlShape,
  english: string | null,
  texts: readonly LocalizedText[] | undefined,
): string | null;
export function mainText(
  intl: IntlShape,
  english: string | null,
  texts: readonly LocalizedText[] | undefined,
): string | null {
  if (!texts || texts.length === 0) return english;
  return texts.map((text) => intl.formatMessage({ id: text.id as MessageId }, text.values)).join(' ');
}
