import type { MessageId } from '../../shared/i18n/catalogs';
import { type Locale, pickLocale } from '../../shared/i18n/locale';
import type { LocalizedText } from '../../shared/i18n/localizedText';
import type { CliIntl } from './cliFormatter';
import { CliFailure, COMMANDS, UsageError, usage } from './commandList';

/** The CLI's language from the environment, in POSIX order: LC_ALL, then LC_MESSAGES, then LANG. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

const loaded = new Map<Locale, CliIntl>();

/**
 * The formatter for the CLI's messages. Loaded on first use (a dynamic import the bundle keeps
 * lazy), so a command that prints nothing translated never pays for the catalogs.
 */
export async function cliIntl(env: NodeJS.ProcessEnv = process.env): Promise<CliIntl> {
  const locale = localeFromEnv(env);
  const known = loaded.get(locale);
  if (known) return known;
  const { cliFormatter } = await import('./cliFormatter');
  const intl = cliFormatter(locale);
  loaded.set(locale, intl);
  return intl;
}

/** The usage text in the language of LANG; English is built without the catalogs, so --help stays quick. */
export async function localUsage(defaultDataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (localeFromEnv(env) === 'en') return usage(defaultDataDir);
  return catalogUsage(await cliIntl(env), defaultDataDir);
}

/** The usage text from the catalogs; in English it is exactly `usage()` (test/unit/i18n/cliIntl.test.ts). */
export async function catalogUsage(intl: CliIntl, defaultDataDir: string): Promise<string> {
  const { IMPORT_EXTENSIONS, REFERENCE_EXTENSIONS } = await import('../importers/importFormats');
  const summaryValues = {
    formats: intl.formatList(IMPORT_EXTENSIONS, { type: 'conjunction' }),
    references: REFERENCE_EXTENSIONS.join(', '),
  };
  const lines = COMMANDS.flatMap((c) => [
    `  ${c.name} ${c.synopsis}`,
    `      ${intl.formatMessage({ id: `cli.command.${c.name as CommandName}` }, summaryValues)}`,
  ]);
  return [
    intl.formatMessage({ id: 'cli.help.usage' }),
    '',
    intl.formatMessage({ id: 'cli.help.commands' }),
    ...lines,
    '',
    intl.formatMessage({ id: 'cli.help.exits' }),
    intl.formatMessage({ id: 'cli.help.dataDir' }, { dir: defaultDataDir }),
  ].join('\n');
}

type CommandName = 'serve' | 'import' | 'search' | 'sources' | 'briefs' | 'export' | 'check' | 'recover' | 'team';

/** An error's one line in the language of LANG: a catalog message, or the text it carries (main's English). */
export async function errorText(error: unknown, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const text = error instanceof UsageError || error instanceof CliFailure ? error.text : null;
  if (text === null || typeof text === 'string') return text ?? (error as Error).message ?? String(error);
  const intl = await cliIntl(env);
  return intl.formatMessage({ id: text.id }, text.values);
}

/** A line to print, in the language of LANG. */
export async function cliLine(
  id: MessageId,
  values?: Record<string, string | number>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return (await cliIntl(env)).formatMessage({ id }, values);
}

/** A sentence main wrote (`worded()`) as a warning line, in the language of LANG. */
export async function warningLine(text: LocalizedText, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const intl = await cliIntl(env);
  return intl.formatMessage(
    { id: 'cli.warning' },
    { notice: intl.formatMessage({ id: text.id as MessageId }, text.values) },
  );
}
