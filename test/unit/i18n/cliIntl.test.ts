import { describe, expect, it } from 'vitest';
import { cliIntl, localeFromEnv } from '../../../main/cli/intl';
import { pickLocale } from '../../../shared/i18n/locale';

describe('interface language', () => {
  it('takes the language of a BCP-47 tag or a POSIX locale, English otherwise', () => {
    expect(pickLocale('fr-CA')).toBe('fr');
    expect(pickLocale('fr_CA.UTF-8')).toBe('fr');
    expect(pickLocale('FR')).toBe('fr');
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('de-DE')).toBe('en');
    expect(pickLocale('C')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });

  it('reads LC_ALL before LC_MESSAGES before LANG, as POSIX does', () => {
    expect(localeFromEnv({ LANG: 'fr_CA.UTF-8' })).toBe('fr');
    expect(localeFromEnv({ LANG: 'fr_CA.UTF-8', LC_MESSAGES: 'en_CA.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_CA.UTF-8', LC_ALL: 'fr_FR.UTF-8' })).toBe('fr');
    expect(localeFromEnv({})).toBe('en');
  });

  it('formats the CLI messages in the language of LANG', async () => {
    const french = await cliIntl({ LANG: 'fr_CA.UTF-8' });
    expect(french.formatMessage({ id: 'search.box.label' })).toBe('Rechercher dans les sources');
    expect(french.formatNumber(12345)).toBe('12\u00a0345');
    const english = await cliIntl({ LANG: 'en_CA.UTF-8' });
    expect(english.formatMessage({ id: 'search.box.label' })).toBe('Search sources');
  });
});
