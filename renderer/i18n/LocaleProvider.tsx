import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { intlConfig } from '../../shared/i18n/catalogs';
import type { Locale } from '../../shared/i18n/locale';
import { api } from '../api/client';
import { firstLocale, readyLocale } from '../boot/firstRequests';
import { setCurrentIntl } from './currentIntl';

type LanguageChoice = { locale: Locale; choose: (locale: Locale) => Promise<void> };
const LanguageContext = createContext<LanguageChoice | null>(null);

/** The interface language and a way to change it (kept in the archive's settings). */
export function useLanguage(): LanguageChoice {
  const choice = useContext(LanguageContext);
  if (!choice) throw new Error('useLanguage outside LocaleProvider');
  return choice;
}

/**
 * Renders the app in the language saved in the archive, or the system's (navigator.language)
 * when none was chosen. Waits for the settings so a French user never sees a flash of English.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  // Asked for before React's first render (renderer/boot/firstRequests.ts), and usually answered by then.
  const [locale, setLocale] = useState<Locale | null>(readyLocale);

  useEffect(() => {
    if (!locale) void firstLocale().then((answered) => setLocale((shown) => shown ?? answered));
  }, [locale]);

  useEffect(() => {
    if (locale) document.documentElement.lang = intlConfig(locale).locale;
  }, [locale]);

  const choose = useCallback(async (next: Locale) => {
    setLocale(next);
    await api.saveSettings({ language: next });
  }, []);

  if (!locale) return null;
  return (
    <LanguageContext.Provider value={{ locale, choose }}>
      <IntlProvider {...intlConfig(locale)}>
        <ShareIntl />
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

/** Hands the provider's formatter to code outside React (the API client's error messages). */
function ShareIntl() {
  setCurrentIntl(useIntl());
  return null;
}
