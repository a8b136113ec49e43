import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { CATALOGS, type MessageId } from '../../shared/i18n/catalogs';
import { INTL_TAG, type Locale } from '../../shared/i18n/locale';

/** What the CLI words: catalog messages, lists and numbers, in one language. */
export interface CliIntl {
  readonly locale: string;
  formatMessage(descriptor: { id: MessageId }, values?: Record<string, PrimitiveType>): string;
  formatList(items: readonly string[], options?: Intl.ListFormatOptions): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
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

/**
 * The CLI's formatter for `locale`: the same text as createIntl(intlConfig(locale)).formatMessage
 * for every catalog message (test/unit/i18n/cliFormatter.test.ts), including its fallbacks: the
 * id for a message the catalog lacks, the message as written when its values do not fit.
 */
export function cliFormatter(locale: Locale): CliIntl {
  const tag = INTL_TAG[locale];
  const catalog: Partial<Record<MessageId, string>> = CATALOGS[locale];
  const built = new Map<MessageId, IntlMessageFormat>();
  return {
    locale: tag,
    formatMessage({ id }, values) {
      const pattern = catalog[id];
      if (!pattern) return id;
      try {
        let format = built.get(id);
        if (!format) {
          format = new IntlMessageFormat(pattern, tag);
          built.set(id, format);
        }
        return String(format.format(values ?? {}));
      } catch {
        return pattern;
      }
    },
    formatList: (items, options) => new Intl.ListFormat(tag, { type: 'conjunction', ...options }).format(items),
    formatNumber: (value, options) => new Intl.NumberFormat(tag, options).format(value),
  };
}
