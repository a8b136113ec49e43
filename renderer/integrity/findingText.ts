import type { IntlShape } from 'react-intl';
import type { Finding } from '../../shared/integrity/integritySchemas';
import { Classification } from '../../shared/source';
import { mainText } from '../i18n/mainText';
import { markingLabel } from '../i18n/marking';

const MARKING_VALUES = ['marking', 'briefMarking', 'required'] as const;

/** A finding of the brief check in the interface language, its security markings as the interface shows them. */
export function findingText(intl: IntlShape, finding: Finding): string {
  if (!finding.text) return finding.message;
  const values = { ...finding.text.values };
  for (const name of MARKING_VALUES) {
    const marking = Classification.safeParse(values[name]);
    if (marking.success) values[name] = markingLabel(intl, marking.data);
  }
  return mainText(intl, finding.message, [{ ...finding.text, values }]);
}
