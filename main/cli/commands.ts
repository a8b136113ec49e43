import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { AppError, ExportOptions, Handlers, MethodInput, MethodOutput } from '../../shared/contract';
import type { ContractMethod } from '../../shared/contractMethods';
import type { MessageId } from '../../shared/i18n/catalogs';
import { Classification } from '../../shared/source';
import { appVersion, rendererDir, seedsDir } from '../appPaths';
import { withSynchronousNormal } from '../archive/database';
import type { SourceArchive } from '../archive/sourceArchive';
import { type Core, openCore } from '../core';
import { dispatch } from '../dispatch';
import { CliFailure, type CommandSpec, UsageError } from './commandList';
import { cliIntl, cliLine, warningLine } from './intl';
import { writeOut } from './output';

/**
 * The CLI as a door onto the contract: every command but `serve` is a contract call through
 * `dispatch`, exactly as the page makes it over IPC or HTTP, so validation and limits (e.g.
 * search's limit) are the contract's. An invalid-input answer is a wrong argument (exit 2).
 * Each command loads what only it needs (the host, the importers, export) when it runs, so that
 * `precis search` does not parse the PDF, Word and citation libraries (docs/startup.md).
 */

export interface CliContext {
  dataDir: string;
  args: string[];
  json: boolean;
  /** Options as typed: the contract (or, for --port, serve) decides what is valid. */
  port: string | undefined;
  limit: string | undefined;
  sort: string | undefined;
  output: string | undefined;
  /** sources --format and --ids, as typed. */
  format: string | undefined;
  ids: string | undefined;
  /** --archive postgres://…: sources come from (and go to) a team archive; briefs stay local. */
  archive: string | undefined;
  /** import --classification and team user --clearance, as typed. */
  classification: string | undefined;
  clearance: string | undefined;
  /** --sources and --grades: the same choices the app's export offers. */
  exportOptions: ExportOptions;
}

const print = (text: string) => writeOut(`${text}\n`);
const printJson = (value: unknown) => print(JSON.stringify(value, null, 2));

/** The core a command runs on; with --archive, also the team archive its source calls go to. */
type CliCore = Core & { teamArchive?: SourceArchive };
type Run = (core: CliCore, ctx: CliContext) => Promise<number>;
const RUNS: Record<string, Run> = {
  import: importCommand,
  search: searchCommand,
  sources: sourcesCommand,
  briefs: briefsCommand,
  export: exportCommand,
  check: checkCommand,
  recover: recoverCommand,
};

/** Runs one command; resolves to the exit code, or -1 for a command that keeps running (serve). */
export async function runCommand(command: CommandSpec, ctx: CliContext): Promise<number> {
  if (command.name === 'serve') return serve(ctx);
  if (command.name === 'team') return (await import('./teamCommand')).teamCommand(ctx);
  const run = RUNS[command.name];
  if (!run) throw new UsageError({ id: 'cli.usage.unknownCommand', values: { name: command.name } });
  const core = await openCliCore(ctx, command.readOnly);
  try {
    return await run(core, ctx);
  } finally {
    core.close();
  }
}

/** Opens the core; a notice about the archive goes to stderr. Read-only commands never repair it. */
async function openCliCore(ctx: CliContext, readOnly: boolean): Promise<CliCore> {
  const core = await openCore({
    dataDir: ctx.dataDir,
    seedsDir: seedsDir(),
    mode: 'browser',
    version: appVersion(),
    allowRepair: !readOnly,
    nativeBinding: sqliteAddon(),
    // Found later by the background check (serve and import run long enough), said in LANG's language.
    onNotice: (notice) =>
      void warningLine(notice.text).then(
        (line) => process.stderr.write(`${line}\n`),
        () => process.stderr.write(`Warning: ${notice.message}\n`),
      ),
  });
  if (core.notice) process.stderr.write(`${await cliLine('cli.warning', { notice: core.notice })}\n`);
  if (ctx.archive === undefined) return core;
  try {
    return await (await import('./teamCommand')).withTeamArchive(core, ctx);
  } catch (error) {
    core.close();
    throw error;
  }
}

const ADDON_PATH = join('build', 'Release', 'better_sqlite3.node');

/**
 * better-sqlite3's addon for Node, by its path: left to find it, better-sqlite3 asks the
 * `bindings` package, which reads a stack trace and tries a dozen paths (~10 ms of every command's
 * start). Where the addon is elsewhere (another install layout), its own search still runs.
 */
function sqliteAddon(): string | undefined {
  const addon = join(dirname(createRequire(__filename).resolve('better-sqlite3/package.json')), ADDON_PATH);
  return existsSync(addon) ? addon : undefined;
}
/**
 * One contract call: the value, or the error as the CLI reports it. An unexpected exception is
 * shown by its own message (there is no log to point to), still as one line.
 */
async function call<M extends ContractMethod>(handlers: Handlers, method: M, input: unknown): Promise<MethodOutput<M>> {
  const result = await attempt(handlers, method, input);
  if (result.ok) return result.value;
  throw result.failure;
}

type Attempt<M extends ContractMethod> =
  | { ok: true; value: MethodOutput<M> }
  | { ok: false; error: AppError; failure: UsageError | CliFailure };

/** One contract call, its refusal kept beside the way the CLI reports it. */
async function attempt<M extends ContractMethod>(handlers: Handlers, method: M, input: unknown): Promise<Attempt<M>> {
  let unexpected: unknown;
  const result = await dispatch(handlers, method, input, (_method, error) => {
    unexpected = error;
  });
  if (result.ok) return { ok: true, value: result.value as MethodOutput<M> };
  return { ok: false, error: result.error, failure: failureOf(method, result.error, unexpected) };
}

function failureOf(method: string, error: AppError, unexpected: unknown): UsageError | CliFailure {
  if (error.code === 'invalid-input') return new UsageError(error.message);
  if (unexpected instanceof Error) {
    return new CliFailure({ id: 'cli.fail.method', values: { method, detail: unexpected.message } });
  }
  // The app offers a damaged brief's latest good version by a button; here it is `precis recover`.
  if (error.code === 'damaged' && error.snapshotId !== undefined && error.text) {
    return new CliFailure({ id: 'cli.fail.damagedWithHistory', values: error.text.values });
  }
  // Main's own sentence, in the language of LANG when main worded it as a catalog message.
  return new CliFailure(error.text ? { id: error.text.id as MessageId, values: error.text.values } : error.message);
}

/** A marking as typed ("protected b" too), or a usage error naming `option`. */
export function classificationOf(value: string, option = '--classification'): Classification {
  const parsed = Classification.safeParse(value.trim().toUpperCase());
  if (!parsed.success) throw new UsageError(`${option} must be one of: ${Classification.options.join(', ')}.`);
  return parsed.data;
}

/** A whole number as a number; anything else as typed, for the contract to refuse with its message. */
const wholeNumber = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

async function serve(ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError({ id: 'cli.usage.noArguments', values: { name: 'serve' } });
  const port = ctx.port === undefined ? 0 : wholeNumber(ctx.port);
  if (typeof port !== 'number' || port > 65535) throw new UsageError({ id: 'cli.usage.port' });
  const renderer = rendererDir();
  if (!existsSync(join(renderer, 'index.html'))) {
    throw new CliFailure({ id: 'cli.fail.rendererMissing', values: { dir: renderer } });
  }
  const core = await openCliCore(ctx, false);
  const { startBrowserHost } = await import('../host/browserHost');
  const host = await startBrowserHost({ handlers: core.handlers, rendererDir: renderer, port });
  // The page's first request is for the note to open: its handlers load now, not when it comes.
  core.loadWindowHandlers().catch(() => undefined);
  print(await cliLine('cli.serve.running', { url: host.url }));
  print(await cliLine('cli.serve.archive', { dir: ctx.dataDir }));
  const stop = () => {
    void host.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

/** Files are read here (folders walked, progress on stderr) and each goes in as the contract's importFile. */
async function importCommand(core: CliCore, ctx: CliContext): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError({ id: 'cli.usage.importNeedsPath' });
  const [
    { importPaths },
    { onImportProgress },
    { attachmentsBeside },
    { importReferenceFile, isReferenceFile },
    { failedOutcome },
  ] = await Promise.all([
    import('../importers/importPaths'),
    import('../importers/importProgress'),
    import('../interchange/attachments'),
    import('../interchange/importReferences'),
    import('../importers/importFailure'),
  ]);
  const classification = ctx.classification === undefined ? undefined : classificationOf(ctx.classification);
  const importFile = async (name: string, bytes: Uint8Array, path: string) => {
    const input: MethodInput<'importFile'> = { name, base64: Buffer.from(bytes).toString('base64') };
    // Run on the analyst's own machine, the CLI may read the attachments a library names.
    const handlers: Handlers = {
      ...core.handlers,
      importFile: async (file) => {
        if (isReferenceFile(file.name) && core.teamArchive) {
          const readAttachment = attachmentsBeside(path);
          return core.teamArchive
            .importReferences(file.name, Buffer.from(file.base64, 'base64'), { classification, readAttachment })
            .catch(failedOutcome);
        }
        if (isReferenceFile(file.name) && ctx.archive === undefined) {
          return importReferenceFile(core.db, file.name, Buffer.from(file.base64, 'base64'), attachmentsBeside(path));
        }
        const outcome = await core.handlers.importFile(file);
        // A team archive marks what it stores itself; the local one is marked by the same edit the app makes.
        if (classification && ctx.archive === undefined && outcome.kind === 'imported') {
          await call(core.handlers, 'updateSource', { id: outcome.id, edit: { classification } });
        }
        return outcome;
      },
    };
    try {
      return await call(handlers, 'importFile', input);
    } catch (error) {
      return { kind: 'failed' as const, error: (error as Error).message };
    }
  };
  // Progress within a file (OCR of scanned pages) goes to stderr too, before the file's own line.
  const stopProgress = onImportProgress((message) => {
    if (!ctx.json) process.stderr.write(`  ${message}\n`);
  });
  // A bulk write: run at synchronous NORMAL (see main/archive/database.ts).
  const report = await withSynchronousNormal(core.db, () =>
    importPaths(
      core.db,
      ctx.args,
      ({ done, total, current }) => {
        if (!ctx.json) process.stderr.write(`[${done}/${total}] ${current}\n`);
      },
      importFile,
    ),
  ).finally(stopProgress);
  if (ctx.json) {
    printJson(report);
  } else {
    // Ids are printed as typed (#1234), never grouped as a quantity would be.
    for (const { id, title, path } of report.imported)
      print(await cliLine('cli.import.imported', { id: `${id}`, title, path }));
    for (const { id, title, path, fields } of report.updated)
      print(await cliLine('cli.import.completed', { id: `${id}`, title, path, fields: fields.join(', ') }));
    for (const { path, duplicateOf } of report.duplicates)
      print(await cliLine('cli.import.duplicate', { path, id: `${duplicateOf}` }));
    for (const { path, error } of report.failed) print(await cliLine('cli.import.failed', { path, error }));
    print(
      await cliLine('cli.import.totals', {
        imported: report.imported.length,
        completed: report.updated.length,
        duplicates: report.duplicates.length,
        failed: report.failed.length,
      }),
    );
  }
  return report.failed.length > 0 ? 1 : 0;
}

async function searchCommand(core: Core, ctx: CliContext): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError({ id: 'cli.usage.searchNeedsQuery' });
  const response = await call(core.handlers, 'search', {
    query: ctx.args.join(' '),
    ...(ctx.limit === undefined ? {} : { limit: wholeNumber(ctx.limit) }),
    ...(ctx.sort === undefined ? {} : { sort: ctx.sort }),
  });
  // Matched words are marked **like this** so the highlight survives in plain text.
  const results = response.results.map((hit) => ({
    ...hit,
    snippet: hit.snippet.map((part) => (part.match ? `**${part.text}**` : part.text)).join(''),
  }));
  const { notice, ...rest } = response;
  if (ctx.json) {
    printJson({ ...rest, results, ...(notice ? { notice } : {}) });
    return 0;
  }
  const lines: string[] = [];
  if (notice) lines.push(await cliLine('cli.search.note', { notice }));
  lines.push(await cliLine('cli.search.count', { total: response.total, query: response.query }));
  for (const hit of results) {
    lines.push(`\n#${hit.id}  ${hit.title}`);
    // A source with no day shows its year or month, as the interface's results do.
    lines.push(`    ${[hit.outlet, hit.publishedAt ?? hit.issued].filter(Boolean).join(' · ')}`);
    lines.push(`    ${hit.snippet}`);
  }
  // One write for the page.
  print(lines.join('\n'));
  return 0;
}

async function sourcesCommand(core: Core, ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError({ id: 'cli.usage.noArguments', values: { name: 'sources' } });
  if (ctx.ids !== undefined && ctx.format === undefined) throw new UsageError({ id: 'cli.usage.idsWithFormat' });
  if (ctx.format !== undefined) {
    if (ctx.json) throw new UsageError({ id: 'cli.usage.formatOrJson' });
    const ids = ctx.ids?.split(',').map((id) => wholeNumber(id.trim()));
    const file = await call(core.handlers, 'exportSourceMetadata', { format: ctx.format, ...(ids ? { ids } : {}) });
    writeOut(file.text);
    return 0;
  }
  const sources = await call(core.handlers, 'listSources', {});
  if (ctx.json) printJson(sources);
  else for (const s of sources) print(`#${s.id}\t${s.publishedAt ?? '—'}\t${s.outlet ?? '—'}\t${s.title}`);
  return 0;
}

async function briefsCommand(core: Core, ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError({ id: 'cli.usage.noArguments', values: { name: 'briefs' } });
  const briefs = await call(core.handlers, 'listBriefs', {});
  if (ctx.json) printJson(briefs);
  else for (const b of briefs) print(`#${b.id}\t${b.updatedAt}\t${b.title}`);
  return 0;
}

/** The contract's exportBrief, with the file chosen by -o as Electron's save dialog chooses it. */
async function exportCommand(core: Core, ctx: CliContext): Promise<number> {
  const [idText, ...extra] = ctx.args;
  if (!idText || extra.length > 0) throw new UsageError({ id: 'cli.usage.exportNeedsId' });
  const output = ctx.output;
  if (!output) throw new UsageError({ id: 'cli.usage.exportNeedsOutput' });
  const { exportBrief } = await import('../export/exportBrief');
  const handlers: Handlers = {
    ...core.handlers,
    exportBrief: (input) => exportBrief(core.db, input, { kind: 'file', choosePath: () => resolve(output) }),
  };
  const outcome = await call(handlers, 'exportBrief', { id: wholeNumber(idText), ...ctx.exportOptions });
  if (outcome.kind !== 'saved') throw new CliFailure({ id: 'cli.fail.notExported', values: { id: idText } });
  print(await cliLine('cli.export.done', { id: idText, path: outcome.path }));
  return 0;
}

/** The contract's checkBrief: one line per finding, most severe first; exit 1 when there are any. */
async function checkCommand(core: Core, ctx: CliContext): Promise<number> {
  const [idText, ...extra] = ctx.args;
  if (!idText || extra.length > 0) throw new UsageError('check needs one BRIEF_ID.');
  const check = await call(core.handlers, 'checkBrief', { id: wholeNumber(idText) });
  if (ctx.json) printJson(check);
  else {
    for (const finding of check.findings) print(`${finding.severity}\t${finding.message}`);
    const count = check.findings.length;
    const intl = await cliIntl();
    print(intl.formatMessage({ id: count === 0 ? 'cli.check.clean' : 'cli.check.count' }, { id: idText, count }));
  }
  return check.findings.length === 0 ? 0 : 1;
}

/**
 * The app's “Open the latest good version” of a damaged brief: the newest version its history can
 * read becomes a new brief; the damaged one is left as it is (main/briefs/damagedBriefs.ts).
 */
async function recoverCommand(core: Core, ctx: CliContext): Promise<number> {
  const [idText, ...extra] = ctx.args;
  if (!idText || extra.length > 0) throw new UsageError({ id: 'cli.usage.recoverNeedsId' });
  const opened = await attempt(core.handlers, 'getBrief', { id: wholeNumber(idText) });
  if (opened.ok) throw new CliFailure({ id: 'cli.fail.notDamaged', values: { id: idText } });
  if (opened.error.code !== 'damaged' || opened.error.snapshotId === undefined) throw opened.failure;
  const copy = await call(core.handlers, 'openSnapshotAsBrief', { id: opened.error.snapshotId });
  if (ctx.json) printJson(copy);
  else print(await cliLine('cli.recover.done', { id: copy.id, damaged: idText, title: copy.title }));
  return 0;
}
