import { parseArgs } from 'node:util';
import { appVersion, rendererDir, seedsDir } from './appPaths';
import { type CliContext, runCommand } from './cli/commands';
import { defaultDataDir } from './dataDir';

/**
 * `npx precis <command>`: the same core the app uses, from a terminal. Bad input prints usage and
 * exits 2; failures print one line, never a stack trace.
 */

export const USAGE = `Usage: precis <command> [options]

Commands:
  serve   [--data-dir DIR] [--port N]          Browser mode: serve the app on 127.0.0.1 (--port 0 picks a free port)
  import  PATH... [--data-dir DIR] [--json]    Import .txt/.md files or folders (recursively) into the archive
  search  QUERY [--data-dir DIR] [--json] [--limit N]
  sources [--data-dir DIR] --json              List the archive's sources
  briefs  [--data-dir DIR] --json              List briefs
  export  BRIEF_ID -o FILE.docx [--data-dir DIR] [--sources] [--grades]
          (--sources ends the note with a list of sources; --grades adds each source's grade, e.g. [B2])

The data dir defaults to ${defaultDataDir()} (PRECIS_DATA_DIR overrides).`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      output: { type: 'string', short: 'o' },
      sources: { type: 'boolean', default: false },
      grades: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { values, positionals };
}

function toInt(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`precis: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const context: CliContext = {
      dataDir: values['data-dir'] ?? defaultDataDir(),
      seedsDir: seedsDir(),
      rendererDir: rendererDir(),
      version: appVersion(),
      json: values.json ?? false,
      port: toInt(values.port, 'port', 0, 65535),
      limit: toInt(values.limit, 'limit', 1, 1000),
      output: values.output,
      exportOptions: { includeSourceList: values.sources ?? false, includeGrades: values.grades ?? false },
      args,
      usage: (message: string) => new UsageError(message),
    };
    if (!command) throw new UsageError('Missing command.');
    return await runCommand(command, context);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`precis: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`precis: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps the process alive on its own; every other command ends here.
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`precis: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
