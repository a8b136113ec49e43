import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { sourceDate } from '../../../renderer/i18n/sourceDate';
import { intlConfig } from '../../../shared/i18n/catalogs';

describe('a source’s date in the reader', () => {
  it('shows a day, a month alone or a year as precise as it is, in the interface language', () => {
    const en = createIntl(intlConfig('en'));
    const fr = createIntl(intlConfig('fr'));
    expect(sourceDate(en, '2023-04-13')).toBe('April 13, 2023');
    expect(sourceDate(fr, '2023-04-13')).toBe('13 avril 2023');
    expect(sourceDate(en, '2024-03')).toBe('March 2024');
    expect(sourceDate(fr, '2024-03')).toBe('mars 2024');
    expect(sourceDate(en, '2024')).toBe('2024');
  });
});
