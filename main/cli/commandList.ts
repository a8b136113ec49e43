import type { MessageId } from '../../shared/i18n/catalogs';
import { IMPORT_EXTENSIONS_TEXT, REFERENCE_EXTENSIONS } from '../importers/importFormats';

/**
 * The CLI's commands, listed once: `--help`, the usage printed on a wrong argument, the options
 * each command accepts and the README's command table (checked by test/unit/cli/commandList.test.ts)
 * all come from here. Light on purpose: `precis --help` loads this and nothing of the core.
 */

export type CommandOption =
  | 'port'
  | 'json'
  | 'limit'
  | 'sort'
  | 'output'
  | 'sources'
  | 'grades'
  | 'format'
  | 'ids'
  | 'archive'
  | 'classification'
  | 'clearance';

export interface CommandSpec {
  name: string;
  /** What follows the name, as usage and the README show it. */
  synopsis: string;
  summary: string;
  /** Options besides --data-dir (which every command takes); any other is refused. */
  options: readonly CommandOption[];
  /** Reads the archive only, so opening it never moves, restores or migrates it (allowRepair: false). */
  readOnly: boolean;
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'serve',
    synopsis: '[--port N] [--archive postgres://USER@HOST:PORT/DB]',
    summary: 'Browser mode: serve the app on 127.0.0.1 (--port 0 picks a free port); --archive searches a team archive',
    options: ['port', 'archive'],
    readOnly: false,
  },
  {
    name: 'import',
    synopsis: 'PATH... [--json] [--classification LEVEL] [--archive postgres://…]',
    summary: `Import ${IMPORT_EXTENSIONS_TEXT} files, or folders recursively; ${REFERENCE_EXTENSIONS.join(', ')} files from a reference manager (Zotero) add or complete sources`,
    options: ['json', 'classification', 'archive'],
    readOnly: false,
  },
  {
    name: 'search',
    synopsis: 'QUERY [--json] [--limit N] [--sort relevance|date] [--archive postgres://…]',
    summary: 'Search the archive; matched words are shown **like this**',
    options: ['json', 'limit', 'sort', 'archive'],
    readOnly: true,
  },
  {
    name: 'sources',
    synopsis: '[--json] [--format csl-json|ris|bibtex] [--ids 1,2,3] [--archive postgres://…]',
    summary: "List the archive's sources; --format writes their metadata for a reference manager (Zotero)",
    options: ['json', 'format', 'ids', 'archive'],
    readOnly: true,
  },
  { name: 'briefs', synopsis: '[--json]', summary: 'List the briefs', options: ['json'], readOnly: true },
  {
    name: 'export',
    synopsis: 'BRIEF_ID -o FILE.docx [--sources] [--grades]',
    summary:
      'Write a brief as a Word document (--sources ends it with the sources cited; --grades adds grades, e.g. [B2])',
    options: ['output', 'sources', 'grades'],
    readOnly: true,
  },
  {
    name: 'check',
    synopsis: 'BRIEF_ID [--json]',
    summary:
      'Check a brief: altered quotations, classification, weak support of conclusions, uncited facts, incomplete citations, metadata to review, name variants (exit 1 when it finds any)',
    options: ['json'],
    readOnly: true,
  },
  {
    name: 'recover',
    synopsis: 'BRIEF_ID [--json]',
    summary:
      'Open the latest good version of a damaged brief (one whose stored text cannot be read) from its history, as a new brief; the damaged one is left as it is',
    options: ['json'],
    readOnly: false,
  },
  {
    name: 'team',
    synopsis: 'init|user NAME --archive postgres://OWNER@HOST:PORT/DB [--clearance LEVEL]',
    summary:
      "Administer a team archive on PostgreSQL as its owner: init creates or migrates the schema; user creates or updates an analyst's role and clearance (password from PRECIS_TEAM_PASSWORD, or asked for)",
    options: ['archive', 'clearance'],
    readOnly: true,
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** The usage text of `--help` and of every wrong argument. */
export function usage(defaultDataDir: string): string {
  const lines = COMMANDS.flatMap((c) => [`  ${c.name} ${c.synopsis}`, `      ${c.summary}`]);
  return [
    'Usage: precis <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --data-dir DIR. A wrong argument prints this and exits 2; a failure prints one line',
    'and exits 1.',
    `The data dir defaults to ${defaultDataDir} (PRECIS_DATA_DIR overrides).`,
  ].join('\n');
}

/** A CLI message of the catalogs (main/cli/intl.ts prints it in the language of LANG). */
export interface CliMessage {
  id: MessageId;
  values?: Record<string, string | number>;
}

/**
 * A wrong command line: printed with the usage, exit code 2. Either a catalog message or a text
 * already written (the contract's refusal).
 */
export class UsageError extends Error {
  constructor(readonly text: string | CliMessage) {
    super(typeof text === 'string' ? text : text.id);
  }
}

/** A failure the CLI reports in one line, exit code 1. */
export class CliFailure extends Error {
  /** A catalog message, or main's own English sentence when main gave no catalog id. */
  constructor(readonly text: CliMessage | string) {
    super(typeof text === 'string' ? text : text.id);
  }
}
