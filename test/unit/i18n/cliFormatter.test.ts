import {
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { cliFormatter } from '../../../main/cli/cliFormatter';
import { CATALOGS, intlConfig, type MessageId } from '../../../shared/i18n/catalogs';
import { LOCALES } from '../../../shared/i18n/locale';

type Values = Record<string, string | number | Date>;

/** A value for every argument of a message: numbers where it counts or formats one, words otherwise. */
function valuesFor(elements: readonly MessageFormatElement[], into: Values = {}, count = 3): Values {
  for (const element of elements) {
    if (isPluralElement(element) || isNumberElement(element)) into[element.value] = count;
    else if (isDateElement(element)) into[element.value] = new Date(Date.UTC(2024, 10, 5));
    else if (isSelectElement(element)) into[element.value] ??= 'other';
    else if ('value' in element && element.type === 1) into[element.value] ??= `«${element.value}»`;
    if (isPluralElement(element) || isSelectElement(element)) {
      for (const option of Object.values(element.options)) valuesFor(option.value, into, count);
    }
    if (isTagElement(element)) valuesFor(element.children, into, count);
  }
  return into;
}

describe('the CLI formatter', () => {
  for (const locale of LOCALES) {
    it(`words every ${locale} catalog message as createIntl does`, () => {
      // Quiet: a message given no values reports an error to onError, and both fall back the same way.
      const reference = createIntl({ ...intlConfig(locale), onError: () => {} });
      const cli = cliFormatter(locale);
      const ids = Object.keys(CATALOGS.en) as MessageId[];
      let withValues = 0;
      for (const id of ids) {
        const elements = parse(CATALOGS[locale][id], { ignoreTag: false });
        if (elements.some(isTagElement)) continue; // rich text: the interface's alone, never printed
        expect(cli.formatMessage({ id }), id).toBe(reference.formatMessage({ id }));
        for (const count of [0, 1, 2, 999, 1234, 12345, 1234567, -3, 2.5]) {
          const values = valuesFor(elements, {}, count);
          if (Object.keys(values).length === 0) continue;
          withValues++;
          expect(cli.formatMessage({ id }, values), `${id} ${JSON.stringify(values)}`).toBe(
            reference.formatMessage({ id }, values),
          );
        }
      }
      expect(withValues).toBeGreaterThan(100);
    });
  }

  it('formats numbers and lists as createIntl does, in the Canadian tag of its language', () => {
    expect(cliFormatter('fr').formatNumber(12345)).toBe('12\u00a0345');
    expect(cliFormatter('en').formatNumber(12345)).toBe('12,345');
    for (const locale of LOCALES) {
      const reference = createIntl(intlConfig(locale));
      for (const value of [0, 7, 999, 1000, 1234567, 2 ** 53, -1234, 0.5, 1234.5678]) {
        expect(cliFormatter(locale).formatNumber(value)).toBe(reference.formatNumber(value));
      }
      expect(cliFormatter(locale).formatNumber(0.256, { style: 'percent' })).toBe(
        reference.formatNumber(0.256, { style: 'percent' }),
      );
    }
    const formats = ['.txt', '.html', '.pdf'];
    expect(cliFormatter('fr').formatList(formats)).toBe('.txt, .html et .pdf');
    for (const locale of LOCALES) {
      expect(cliFormatter(locale).formatList(formats)).toBe(createIntl(intlConfig(locale)).formatList(formats));
    }
  });
});
