import { createIntl, type IntlShape } from 'react-intl';
import type { AppError, ErrorCode, Result } from '../../shared/contract';
import { intlConfig } from '../../shared/i18n/catalogs';
import { mainText } from './mainText';

/**
 * The interface language's formatter, for code outside React's render: the API client, event
 * callbacks, DOM drawn for Lexical. LocaleProvider sets it; until then (the first getSettings
 * call) it is English.
 */
let current: IntlShape | null = null;

export function setCurrentIntl(intl: IntlShape): void {
  current = intl;
}

export function currentIntl(): IntlShape {
  // Made when first needed: the page's first script must not spend its time building formatters.
  current ??= createIntl(intlConfig('en'));
  return current;
}

/** Codes whose meaning is whole without main's wording: storage failures and conflicts. */
const SELF_EXPLAINED: ReadonlySet<ErrorCode> = new Set(['disk-full', 'read-only', 'busy', 'io-error', 'conflict']);

/**
 * An error from main in the interface language. Main writes English; its message is kept as it is
 * in English, and in French stands as the detail of a translated summary chosen by the error's code.
 */
export function localizeError(error: AppError, intl: IntlShape = currentIntl()): AppError {
  if (intl.locale.startsWith('en')) return error;
  // Worded by main as a catalog message: whole in either language.
  if (error.text) return { ...error, message: mainText(intl, error.message, [error.text]) };
  const summary = intl.formatMessage({ id: `errors.${error.code}` });
  if (SELF_EXPLAINED.has(error.code)) return { ...error, message: summary };
  return { ...error, message: intl.formatMessage({ id: 'errors.detailed' }, { summary, detail: error.message }) };
}

/** A result from main with its error, if any, in the interface language. */
export function localizeResult<T>(result: Result<T>, intl: IntlShape = currentIntl()): Result<T> {
  return result.ok ? result : { ok: false, error: localizeError(result.error, intl) };
}
