import { type Formatters, IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { CATALOGS, type MessageId } from '../../shared/i18n/catalogs';
import { INTL_TAG, type Locale } from '../../shared/i18n/locale';

/** intl-messageformat's number options (ECMA-402's, with its own additions). */
type NumberOptions = Parameters<Formatters['getNumberFormat']>[1];

/** What the CLI words: catalog messages, lists and numbers, in one language. */
export interface CliIntl {
  readonly locale: string;
  formatMessage(descriptor: { id: MessageId }, values?: Record<string, PrimitiveType>): string;
  formatList(items: readonly string[], options?: Intl.ListFormatOptions): string;
  formatNumber(value: number, options?: NumberOptions): string;
}

/*
 * Why not @formatjs/intl's createIntl, as the interface uses: it asks V8 whether the locale is
 * supported (Intl.NumberFormat.supportedLocalesOf), and so does IntlMessageFormat for every message
 * it builds. V8 answers the first such question by listing every locale its ICU has: 40–80 ms of
 * CPU, a fifth of a whole `precis search`. Précis's two tags are in every Node build (full ICU),
 * so the CLI names them itself; any other tag is asked as before. This changes only the process
 * that loads this module (the CLI and `serve`), never the renderer.
 */
const OUR_TAGS: ReadonlySet<string> = new Set(Object.values(INTL_TAG));
const askIcu = IntlMessageFormat.resolveLocale;
IntlMessageFormat.resolveLocale = (locales) =>
  typeof locales === 'string' && OUR_TAGS.has(locales) ? new Intl.Locale(locales) : askIcu(locales);

/*
 * The first Intl.NumberFormat a process makes costs ~45 ms of CPU (ICU loads its number data),
 * and most CLI lines format only a count ("1,234 results for …"). Whole numbers are grouped here
 * as ICU groups them for en-CA and fr-CA (the test compares both on every catalog message); any
 * other number or style still goes to ICU.
 */
const GROUP_SEPARATOR: Record<Locale, string> = { en: ',', fr: '\u00a0' };

function countFormatters(locale: Locale): Formatters {
  const icu = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options?: NumberOptions): Intl.NumberFormat => {
    const key = JSON.stringify(options ?? {});
    let format = icu.get(key);
    if (!format) {
      format = new Intl.NumberFormat(INTL_TAG[locale], options);
      icu.set(key, format);
    }
    return format;
  };
  const counts = {
    format: (value: number | bigint) =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? String(value).replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR[locale])
        : numberFormat().format(value),
  } as Intl.NumberFormat;
  return {
    getNumberFormat: (_locales, options) =>
      options === undefined || Object.keys(options).length === 0 ? counts : numberFormat(options),
    getDateTimeFormat: (...args) => new Intl.DateTimeFormat(...args),
    getPluralRules: (...args) => new Intl.PluralRules(...args),
  };
}

/**
 * The CLI's formatter for `locale`: the same text as createIntl(intlConfig(locale)).formatMessage
 * for every catalog message (test/unit/i18n/cliFormatter.test.ts), including its fallbacks: the
 * id for a message the catalog lacks, the message as written when its values do not fit.
 */
export function cliFormatter(locale: Locale): CliIntl {
  const tag = INTL_TAG[locale];
  const catalog: Partial<Record<MessageId, string>> = CATALOGS[locale];
  const built = new Map<MessageId, IntlMessageFormat>();
  const formatters = countFormatters(locale);
  return {
    locale: tag,
    formatMessage({ id }, values) {
      const pattern = catalog[id];
      if (!pattern) return id;
      try {
        let format = built.get(id);
        if (!format) {
          format = new IntlMessageFormat(pattern, tag, undefined, { formatters });
          built.set(id, format);
        }
        return String(format.format(values ?? {}));
      } catch {
        return pattern;
      }
    },
    formatList: (items, options) => new Intl.ListFormat(tag, { type: 'conjunction', ...options }).format(items),
    formatNumber: (value, options) => formatters.getNumberFormat(tag, options).format(value),
  };
}
