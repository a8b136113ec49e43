import type { IntlShape } from '@formatjs/intl';
import { type Locale, pickLocale } from '../../shared/i18n/locale';

/** The CLI's language from the environment, in POSIX order: LC_ALL, then LC_MESSAGES, then LANG. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

const loaded = new Map<Locale, IntlShape>();

/**
 * The formatter for the CLI's messages. Loaded on first use (a dynamic import the bundle keeps
 * lazy), so a command that prints nothing translated never pays for the catalogs.
 */
export async function cliIntl(env: NodeJS.ProcessEnv = process.env): Promise<IntlShape> {
  const locale = localeFromEnv(env);
  const known = loaded.get(locale);
  if (known) return known;
  const [{ createIntl }, { intlConfig }] = await Promise.all([
    import('@formatjs/intl'),
    import('../../shared/i18n/catalogs'),
  ]);
  const intl = createIntl(intlConfig(locale));
  loaded.set(locale, intl);
  return intl;
}
