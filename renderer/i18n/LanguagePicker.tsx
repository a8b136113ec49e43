import { useIntl } from 'react-intl';
import { LOCALES, type Locale } from '../../shared/i18n/locale';
import { useLanguage } from './LocaleProvider';

/** The interface language; its name is the same in both languages so anyone can find it. */
export function LanguagePicker() {
  const intl = useIntl();
  const { locale, choose } = useLanguage();
  return (
    <select
      className="language"
      aria-label={intl.formatMessage({ id: 'language.label' })}
      value={locale}
      onChange={(event) => void choose(event.target.value as Locale)}
    >
      {LOCALES.map((option) => (
        <option key={option} value={option} lang={option}>
          {intl.formatMessage({ id: `language.${option}` })}
        </option>
      ))}
    </select>
  );
}
