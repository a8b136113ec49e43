import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: `initdb` in a temp dir, a free port,
 * the unix socket in that dir, torn down by `stop()`. PostgreSQL refuses to run as root, so when
 * we are root the cluster's files belong to the `postgres` user and its tools run as that user.
 * Framework-free: tests add their own hooks.
 *
 * The cluster's superuser (`postgres`) is reached through the socket only (trust, as a DBA on the
 * machine would); every role the app uses logs in over TCP with a password (scram-sha-256).
 */

export interface PostgresCluster {
  dir: string;
  port: number;
  /** Runs SQL as the superuser through the socket (psql); returns its unaligned output. */
  superuserSql(sql: string, database?: string): string;
  /** Creates the team archive's owner role (a DBA's job) and its database; returns its URL. */
  createOwnedDatabase(database: string, owner: string, password: string): string;
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql');
}

/** True when PostgreSQL's server tools are installed (tests fail under CI=true when they are not). */
export function postgresInstalled(): boolean {
  try {
    binDir();
    return true;
  } catch {
    return false;
  }
}

const asRoot = process.getuid?.() === 0;

function run(tool: string, args: string[]): string {
  const command = join(binDir(), tool);
  // runuser keeps no root privilege in the child: PostgreSQL checks its effective uid.
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  /** Durable commits (the benchmark); tests run with fsync off, as nothing outlives them. */
  durable?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  /**
   * A folder that outlives the cluster (a benchmark's cached archive): created and initialised
   * when it holds no cluster yet, started as it is when it does; `stop()` leaves it in place.
   */
  keepIn?: string;
}

/**
 * A parent folder the `postgres` user can pass through: the temp folder is sometimes root's alone
 * (0700), and the cluster's own folder is made 0700 and the postgres user's anyway.
 */
function parentDir(): string {
  const candidates = [process.env.PRECIS_PG_TMPDIR, tmpdir(), '/var/tmp', '/dev/shm'].filter(Boolean) as string[];
  if (!asRoot) return candidates[0]!;
  return candidates.find((dir) => existsSync(dir) && (statSync(dir).mode & 0o001) !== 0) ?? tmpdir();
}

/** Where a cluster kept between runs lives: a folder the `postgres` user can reach (see parentDir). */
export function keptClusterDir(name: string): string {
  // /var/tmp first when the postgres user can pass through it: bench:archive keeps its SQLite
  // archives in TMPDIR/precis-bench and makes that folder private (0700) whenever it opens one,
  // which stopped a team cluster kept beside them mid-run (its checkpointer lost pg_control).
  const varTmp = asRoot && existsSync('/var/tmp') && (statSync('/var/tmp').mode & 0o001) !== 0;
  const parent = join(varTmp && !process.env.PRECIS_PG_TMPDIR ? '/var/tmp' : parentDir(), 'precis-bench');
  mkdirSync(parent, { recursive: true });
  // Passable, not readable: the cluster's own folder is 0700 and the postgres user's.
  if (asRoot) chmodSync(parent, 0o711);
  return join(parent, name);
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const kept = options.keepIn;
  if (kept) mkdirSync(kept, { recursive: true });
  const dir = kept ?? mkdtempSync(join(parentDir(), 'precis-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  if (!existsSync(join(data, 'PG_VERSION')))
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: '200',
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const serverOptions = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .concat(`-p ${port}`)
    .join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);

  const superuserSql = (sql: string, database = 'postgres'): string =>
    run('psql', [
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      database,
      '-v',
      'ON_ERROR_STOP=1',
      '-Atc',
      sql,
    ]);
  let stopped = false;
  return {
    dir,
    port,
    superuserSql,
    createOwnedDatabase(database, owner, password) {
      // Names are the test's own constants; the password is quoted as a literal.
      const literal = `'${password.replace(/'/g, "''")}'`;
      superuserSql(`CREATE ROLE "${owner}" LOGIN CREATEROLE PASSWORD ${literal}`);
      superuserSql(`CREATE DATABASE "${database}" OWNER "${owner}"`);
      return `postgres://${owner}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      spawnSync(asRoot ? 'runuser' : join(binDir(), 'pg_ctl'), [
        ...(asRoot ? ['-u', 'postgres', '--', join(binDir(), 'pg_ctl')] : []),
        '-D',
        data,
        '-m',
        kept ? 'fast' : 'immediate',
        '-w',
        'stop',
      ]);
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}
