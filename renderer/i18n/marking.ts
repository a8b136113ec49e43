import type { IntlShape } from 'react-intl';
import { pickLocale } from '../../shared/i18n/locale';
import type { Classification } from '../../shared/source';
import { classificationLabel } from '../../shared/titleBlock';

/** A security marking as the interface language writes it ("PROTÉGÉ B"); the stored value stays English. */
export function markingLabel(intl: IntlShape, marking: Classification): string {
  return classificationLabel(marking, pickLocale(intl.locale));
}
