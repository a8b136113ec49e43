import { parseArgs } from 'node:util';
import { type CommandOption, findCommand, UsageError } from './cli/commandList';
import { errorText, localUsage } from './cli/intl';
import { writeOut } from './cli/output';
import { defaultDataDir } from './dataDir';

/**
 * `npx precis <command>`: the CLI is a third door onto the contract, like IPC and HTTP (see
 * main/cli/commands.ts). Bad input prints usage and exits 2; failures print one line, never a
 * stack trace. Only the command that runs is loaded, so `--help` stays quick.
 */

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean' },
      limit: { type: 'string' },
      sort: { type: 'string' },
      output: { type: 'string', short: 'o' },
      sources: { type: 'boolean' },
      grades: { type: 'boolean' },
      format: { type: 'string' },
      ids: { type: 'string' },
      archive: { type: 'string' },
      classification: { type: 'string' },
      clearance: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [name, ...args] = positionals;
    if (values.help || name === 'help') {
      writeOut(`${await localUsage(defaultDataDir())}\n`);
      return 0;
    }
    if (!name) throw new UsageError({ id: 'cli.usage.missingCommand' });
    const command = findCommand(name);
    if (!command) throw new UsageError({ id: 'cli.usage.unknownCommand', values: { name } });
    const given = Object.keys(values).filter((key) => key !== 'data-dir') as CommandOption[];
    const refused = given.find((option) => !command.options.includes(option));
    if (refused) throw new UsageError({ id: 'cli.usage.refusedOption', values: { name, option: refused } });
    const { runCommand } = await import('./cli/commands');
    return await runCommand(command, {
      dataDir: values['data-dir'] ?? defaultDataDir(),
      args,
      json: values.json ?? false,
      port: values.port,
      limit: values.limit,
      sort: values.sort,
      output: values.output,
      format: values.format,
      ids: values.ids,
      archive: values.archive,
      classification: values.classification,
      clearance: values.clearance,
      exportOptions: { includeSourceList: values.sources ?? false, includeGrades: values.grades ?? false },
    });
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`precis: ${await errorText(error)}\n\n${await localUsage(defaultDataDir())}\n`);
      return 2;
    }
    process.stderr.write(`precis: ${await errorText(error)}\n`);
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
