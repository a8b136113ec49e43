import type { Handlers, TeamArchiveStatus } from '../../shared/contract';
import { worded } from '../../shared/i18n/localizedText';
import type { SourceEdit } from '../../shared/source';
import type { Db } from '../archive/database';
import { getSetting, setSetting } from '../archive/settings';
import type { SourceArchive } from '../archive/sourceArchive';
import { getSource, updateSource } from '../archive/sources';
import { wordedError } from '../errors';
import { notATeamSource } from '../notFoundErrors';
import { archiveKey, cacheTeamSource, teamIdOf } from '../team/teamSourceCache';
import { archiveSourceHandlers } from './teamSourceHandlers';

const TEAM_ARCHIVE_SETTING = 'teamArchiveUrl';

/**
 * The "Team archive" settings: which PostgreSQL archive this session's source calls go to. The
 * URL (without password) is kept in the local archive's settings; the password only in the open
 * connection pool, in memory, for this session (browser mode asks again each time; the Electron
 * app may keep it encrypted with safeStorage, see main/electron/teamPassword.ts).
 */
export class TeamArchiveSession {
  private archive: SourceArchive | null = null;
  constructor(private readonly db: Db) {}

  get current(): SourceArchive | null {
    return this.archive;
  }

  async status(): Promise<TeamArchiveStatus> {
    const url = getSetting(this.db, TEAM_ARCHIVE_SETTING) || null;
    // Connected but the server cannot be reached just now (stopped, network down): still connected,
    // as searches still go there and fail, so the panel says so rather than "not connected".
    const sourceCount = this.archive ? await this.archive.count().catch(() => null) : null;
    return { url, connected: this.archive !== null, sourceCount };
  }

  async connect(url: string, password: string): Promise<TeamArchiveStatus> {
    let key: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('not postgres');
      key = archiveKey(url);
    } catch {
      throw wordedError(
        'invalid-input',
        worded('A team archive is named by a URL: postgres://USER@HOST:PORT/DB.', 'errors.team.badUrl'),
      );
    }
    // node-postgres is loaded only when a team archive is used.
    const { openPostgresArchive } = await import('../team/postgresArchive');
    const archive = openPostgresArchive({ url: key, password, max: 5 });
    try {
      await archive.count();
    } catch (error) {
      await archive.close().catch(() => {});
      const reason = (error as Error).message;
      throw wordedError(
        'unavailable',
        worded(`Could not connect to the team archive: ${reason}`, 'errors.team.unreachable', { reason }),
      );
    }
    await this.close();
    this.archive = archive;
    setSetting(this.db, TEAM_ARCHIVE_SETTING, key);
    return this.status();
  }

  async disconnect(): Promise<TeamArchiveStatus> {
    await this.close();
    return this.status();
  }

  /** getSource, updateSource and listClusterMembers while connected (see sessionSourceHandlers); null for the rest. */
  readerCall(method: string, input: unknown, team: SourceArchive): Promise<unknown> | null {
    const key = getSetting(this.db, TEAM_ARCHIVE_SETTING);
    if (!key) return null;
    const handlers = archiveSourceHandlers(team);
    if (method === 'getSource') {
      const { id } = input as { id: number };
      return Promise.all([handlers.getSource({ id }), team.referenceExtras([id])]).then(([source, extras]) => {
        const localId = cacheTeamSource(this.db, key, source, extras.get(id));
        return getSource(this.db, localId);
      });
    }
    if (method !== 'updateSource' && method !== 'listClusterMembers') return null;
    const { id: localId } = input as { id: number };
    const teamId = teamIdOf(this.db, key, localId);
    if (teamId === null) return Promise.reject(notATeamSource(localId));
    if (method === 'listClusterMembers') return Promise.resolve(handlers.listClusterMembers({ id: teamId }));
    const { edit } = input as { edit: SourceEdit };
    return Promise.resolve(handlers.updateSource({ id: teamId, edit })).then(() =>
      updateSource(this.db, localId, edit),
    );
  }

  /** Ends the connection pool (the process is closing: nothing more is read from the local archive). */
  async close(): Promise<void> {
    const archive = this.archive;
    this.archive = null;
    await archive?.close().catch(() => {});
  }
}

type TeamArchiveHandlers = Pick<Handlers, 'getTeamArchive' | 'connectTeamArchive' | 'disconnectTeamArchive'>;

export function teamArchiveHandlers(session: TeamArchiveSession): TeamArchiveHandlers {
  return {
    getTeamArchive: () => session.status(),
    connectTeamArchive: ({ url, password }) => session.connect(url, password),
    disconnectTeamArchive: () => session.disconnect(),
  };
}

/**
 * The source handlers, each going to the team archive while one is connected, to the local one
 * otherwise. Opening a team source (getSource, from a search hit or a list: team ids) copies it
 * into the local archive and returns the copy (main/team/teamSourceCache.ts), so whatever the
 * reader quotes or cites has a local, stable id and the brief works offline. The reader's own
 * calls (updateSource, listClusterMembers) name that local copy; they are mapped back to the team
 * source, and an edit is applied to both.
 */
export function sessionSourceHandlers<H extends Partial<Handlers>>(local: H, session: TeamArchiveSession): H {
  const routed: Partial<Handlers> = { ...local };
  const teamMethods = Object.keys(archiveSourceHandlers(null as unknown as SourceArchive)) as (keyof Handlers)[];
  for (const method of teamMethods) {
    const own = local[method] as ((input: unknown) => unknown) | undefined;
    if (!own) continue;
    (routed as Record<string, (input: unknown) => unknown>)[method] = (input: unknown) => {
      const team = session.current;
      if (!team) return own(input);
      const special = session.readerCall(method, input, team);
      if (special) return special;
      const handler = archiveSourceHandlers(team)[method as keyof ReturnType<typeof archiveSourceHandlers>];
      return (handler as (input: unknown) => unknown)(input);
    };
  }
  return routed as H;
}
