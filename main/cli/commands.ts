import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExportOptions } from '../../shared/contract';
import { withSynchronousNormal } from '../archive/database';
import { listSources } from '../archive/sources';
import { listBriefs } from '../briefs/briefs';
import { type Core, openCore } from '../core';
import { exportBriefDocx } from '../export/exportBrief';
import { saveDocxFile } from '../export/saveDocx';
import { startBrowserHost } from '../host/browserHost';
import { importPaths } from '../importers/importPaths';
import { searchSources } from '../search/searchSources';

export interface CliContext {
  dataDir: string;
  seedsDir: string;
  rendererDir: string;
  version: string;
  json: boolean;
  port: number | undefined;
  limit: number | undefined;
  output: string | undefined;
  /** --sources and --grades: the same choices the app's export offers. */
  exportOptions: ExportOptions;
  args: string[];
  usage: (message: string) => Error;
}

const print = (text: string) => process.stdout.write(`${text}\n`);
const printJson = (value: unknown) => print(JSON.stringify(value, null, 2));

/** Runs one command; resolves to the exit code, or -1 for a command that keeps running (serve). */
export async function runCommand(command: string, ctx: CliContext): Promise<number> {
  switch (command) {
    case 'serve':
      return serve(ctx);
    case 'import':
      return withCore(ctx, REPAIR, (core) => importCommand(core, ctx));
    case 'search':
      return withCore(ctx, READ_ONLY, (core) => searchCommand(core, ctx));
    case 'sources':
      return withCore(ctx, READ_ONLY, (core) => sourcesCommand(core, ctx));
    case 'briefs':
      return withCore(ctx, READ_ONLY, (core) => briefsCommand(core, ctx));
    case 'export':
      return withCore(ctx, READ_ONLY, (core) => exportCommand(core, ctx));
    default:
      throw ctx.usage(`Unknown command "${command}".`);
  }
}

/** Read-only commands never move, restore or migrate the archive: they report and exit 1. */
const READ_ONLY = { allowRepair: false };
const REPAIR = { allowRepair: true };

/** Opens the core; a notice about the archive (damaged and replaced) goes to stderr. */
async function openCliCore(ctx: CliContext, { allowRepair }: { allowRepair: boolean }): Promise<Core> {
  const core = await openCore({
    dataDir: ctx.dataDir,
    seedsDir: ctx.seedsDir,
    mode: 'browser',
    version: ctx.version,
    allowRepair,
  });
  if (core.notice) process.stderr.write(`Warning: ${core.notice}\n`);
  return core;
}

async function withCore(
  ctx: CliContext,
  access: { allowRepair: boolean },
  run: (core: Core) => Promise<number> | number,
): Promise<number> {
  const core = await openCliCore(ctx, access);
  try {
    return await run(core);
  } finally {
    core.close();
  }
}

async function serve(ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) throw ctx.usage('serve takes no arguments.');
  if (!existsSync(join(ctx.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${ctx.rendererDir} is missing): run \`npm run build\` first.`);
  }
  const core = await openCliCore(ctx, REPAIR);
  const host = await startBrowserHost({ handlers: core.handlers, rendererDir: ctx.rendererDir, port: ctx.port });
  print(`Précis is running in browser mode. Open ${host.url}`);
  print(`Archive: ${ctx.dataDir}  (Ctrl+C to stop)`);
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

async function importCommand(core: Core, ctx: CliContext): Promise<number> {
  if (ctx.args.length === 0) throw ctx.usage('import needs at least one file or folder.');
  // A bulk write: run at synchronous NORMAL (see main/archive/database.ts).
  const report = await withSynchronousNormal(core.db, () =>
    importPaths(core.db, ctx.args, ({ done, total, current }) => {
      if (!ctx.json) process.stderr.write(`[${done}/${total}] ${current}\n`);
    }),
  );
  if (ctx.json) {
    printJson(report);
  } else {
    for (const item of report.imported) print(`imported  #${item.id}  ${item.title}  (${item.path})`);
    for (const item of report.duplicates)
      print(`duplicate ${item.path} is the same text as source #${item.duplicateOf}`);
    for (const item of report.failed) print(`failed    ${item.path}: ${item.error}`);
    print(`${report.imported.length} imported, ${report.duplicates.length} duplicates, ${report.failed.length} failed`);
  }
  return report.failed.length > 0 ? 1 : 0;
}

function searchCommand(core: Core, ctx: CliContext): number {
  if (ctx.args.length === 0) throw ctx.usage('search needs a query.');
  const response = searchSources(core.db, { query: ctx.args.join(' '), limit: ctx.limit ?? 20, offset: 0 });
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
  if (notice) print(`Note: ${notice}`);
  print(`${response.total} result${response.total === 1 ? '' : 's'} for ${response.query}`);
  for (const hit of results) {
    print(`\n#${hit.id}  ${hit.title}`);
    print(`    ${[hit.outlet, hit.publishedAt].filter(Boolean).join(' · ')}`);
    print(`    ${hit.snippet}`);
  }
  return 0;
}

function sourcesCommand(core: Core, ctx: CliContext): number {
  const sources = listSources(core.db);
  if (ctx.json) printJson(sources);
  else for (const s of sources) print(`#${s.id}\t${s.publishedAt ?? '—'}\t${s.outlet ?? '—'}\t${s.title}`);
  return 0;
}

function briefsCommand(core: Core, ctx: CliContext): number {
  const briefs = listBriefs(core.db);
  if (ctx.json) printJson(briefs);
  else for (const b of briefs) print(`#${b.id}\t${b.updatedAt}\t${b.title}`);
  return 0;
}

async function exportCommand(core: Core, ctx: CliContext): Promise<number> {
  const [idText, ...extra] = ctx.args;
  if (!idText || extra.length > 0 || !/^\d+$/.test(idText)) throw ctx.usage('export needs one BRIEF_ID (a number).');
  if (!ctx.output) throw ctx.usage('export needs -o FILE.docx.');
  if (!ctx.output.toLowerCase().endsWith('.docx')) throw ctx.usage('The output file must end in .docx.');
  const target = resolve(ctx.output);
  const exported = await exportBriefDocx(core.db, Number(idText), ctx.exportOptions);
  if (!exported) throw new Error(`Brief ${idText} does not exist; \`precis briefs --json\` lists them.`);
  saveDocxFile(target, exported.bytes);
  print(`Exported brief ${idText} to ${target}`);
  return 0;
}
