import type { SourceArchive } from '../archive/sourceArchive';
import type { Core } from '../core';
import { archiveSourceHandlers } from '../handlers/teamSourceHandlers';
import { openPostgresArchive } from '../team/postgresArchive';
import { initTeamArchive, LEAKPROOF_STEP, upsertTeamUser } from '../team/teamAdmin';
import { UsageError } from './commandList';
import { classificationOf } from './commands';
import { cliIntl } from './intl';
import { writeOut } from './output';

/**
 * `precis team init|user` and the `--archive postgres://…` option of the commands that read or
 * write sources. Passwords are never taken from the command line (it is visible to every user of
 * the machine): PRECIS_TEAM_PASSWORD, the URL itself, or asked for on a terminal.
 */

export interface TeamCliOptions {
  args: string[];
  archive: string | undefined;
  clearance: string | undefined;
  classification: string | undefined;
}

const print = (text: string) => writeOut(`${text}\n`);

export async function archiveUrl(archive: string | undefined): Promise<string> {
  if (!archive) throw new UsageError((await cliIntl()).formatMessage({ id: 'cli.team.needsArchive' }));
  let url: URL;
  try {
    url = new URL(archive);
  } catch {
    throw new UsageError((await cliIntl()).formatMessage({ id: 'cli.team.archiveNotUrl' }));
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UsageError((await cliIntl()).formatMessage({ id: 'cli.team.archiveNotPostgres' }));
  }
  return archive;
}

/** The password of the archive's URL user: in the URL, PRECIS_TEAM_PASSWORD, or asked for on a TTY. */
async function connectionPassword(url: string): Promise<string | undefined> {
  if (new URL(url).password) return undefined;
  const fromEnv = process.env.PRECIS_TEAM_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return undefined;
  return askHidden(
    (await cliIntl()).formatMessage({ id: 'cli.team.archivePassword' }, { user: new URL(url).username }),
  );
}

/** Reads a line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

export async function teamCommand(options: TeamCliOptions): Promise<number> {
  const [sub, ...rest] = options.args;
  const url = await archiveUrl(options.archive);
  const intl = await cliIntl();
  if (sub === 'init') {
    if (rest.length > 0 || options.clearance !== undefined)
      throw new UsageError(intl.formatMessage({ id: 'cli.team.initArguments' }));
    const outcome = await initTeamArchive(url, new URL(url).password ? undefined : await ownerPasswordFor(url));
    const values = { owner: outcome.owner, clearance: 'TOP SECRET', versions: outcome.applied.join(', ') };
    print(
      intl.formatMessage({ id: outcome.applied.length > 0 ? 'cli.team.initApplied' : 'cli.team.initCurrent' }, values),
    );
    if (!outcome.textIndexUsable) {
      process.stderr.write(
        `${intl.formatMessage({ id: 'cli.team.initSlowSearch' }, { statement: `${LEAKPROOF_STEP};` })}\n`,
      );
    }
    return 0;
  }
  if (sub === 'user') {
    const [name, ...extra] = rest;
    if (!name || extra.length > 0) throw new UsageError(intl.formatMessage({ id: 'cli.team.userName' }));
    if (options.clearance === undefined) throw new UsageError(intl.formatMessage({ id: 'cli.team.userClearance' }));
    const clearance = classificationOf(options.clearance, '--clearance');
    const ownerPassword = new URL(url).password ? undefined : await ownerPasswordFor(url);
    const password =
      process.env.PRECIS_TEAM_PASSWORD ??
      (process.stdin.isTTY
        ? await askHidden(intl.formatMessage({ id: 'cli.team.passwordFor' }, { user: name }))
        : null);
    const outcome = await upsertTeamUser(url, ownerPassword, { name, password, clearance });
    print(
      intl.formatMessage(
        { id: outcome.created ? 'cli.team.userCreated' : 'cli.team.userUpdated' },
        { role: outcome.role, clearance: outcome.clearance },
      ),
    );
    return 0;
  }
  throw new UsageError(intl.formatMessage({ id: 'cli.team.subcommand' }));
}

/**
 * The owner's password: from the URL, PGPASSWORD (which node-postgres reads itself) or a prompt.
 * PRECIS_TEAM_PASSWORD is an analyst's: the new one's for `team user`, one's own for --archive.
 */
async function ownerPasswordFor(url: string): Promise<string | undefined> {
  if (process.env.PGPASSWORD) return undefined;
  return process.stdin.isTTY
    ? askHidden((await cliIntl()).formatMessage({ id: 'cli.team.ownerPassword' }, { user: new URL(url).username }))
    : undefined;
}

/** The core with its source handlers over the team archive; briefs and settings stay local. */
export async function withTeamArchive(
  core: Core,
  options: TeamCliOptions,
): Promise<Core & { teamArchive: SourceArchive }> {
  const url = await archiveUrl(options.archive);
  const archive = openPostgresArchive({ url, password: await connectionPassword(url) });
  const classification = options.classification === undefined ? undefined : classificationOf(options.classification);
  const handlers = {
    ...core.handlers,
    ...archiveSourceHandlers(archive, classification ? { classification } : {}),
    appInfo: async () => ({ ...(await core.handlers.appInfo({})), sourceCount: await archive.count() }),
  };
  return {
    db: core.db,
    handlers,
    teamArchive: archive,
    get notice() {
      return core.notice;
    },
    loadWindowHandlers: () => core.loadWindowHandlers(),
    close() {
      void archive.close();
      core.close();
    },
  };
}
