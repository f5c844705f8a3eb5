/**
 * A PostgreSQL server of the test's own: a fresh cluster in a folder, listening on a Unix socket only,
 * run as `nobody` when the test runs as root (PostgreSQL refuses root), stopped by `stop()`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './local-target.ts';

/** A running server: where it listens, the environment its clients need, and a query helper. */
export interface Postgres {
  socketDir: string;
  port: number;
  /** PGUSER (the cluster's superuser) for clients. */
  env: NodeJS.ProcessEnv;
  /** Runs SQL in a database; its rows, one per line, fields joined by |. */
  sql(database: string, query: string): string;
  stop(): void;
}

/** The newest PostgreSQL server binaries Debian installed. */
export function postgresBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return join('/usr/lib/postgresql', versions.at(-1)!, 'bin');
}

/** Starts a server in `dir` (which it takes over). */
export async function startPostgres(dir: string): Promise<Postgres> {
  const root = process.getuid?.() === 0;
  const user = root ? 'nobody' : (process.env.USER ?? 'postgres');
  if (root)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'nobody']).toString()),
      Number(execFileSync('id', ['-g', 'nobody']).toString()),
    );
  const as = (argv: string[]) =>
    root ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv] : argv;
  const bin = postgresBin();
  const data = join(dir, 'data');
  const port = 15432 + (process.pid % 1000);
  const [initdb, ...initArgs] = as([
    join(bin, 'initdb'),
    '-D',
    data,
    '--auth=trust',
    '-U',
    user,
    '-E',
    'UTF8',
  ]);
  execFileSync(initdb!, initArgs, { stdio: 'ignore' });
  const [postgres, ...args] = as([
    join(bin, 'postgres'),
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=',
  ]);
  const child: ChildProcess = spawn(postgres!, args, { stdio: 'ignore', detached: false });
  const env = { ...process.env, PGUSER: user };
  const sql = (database: string, query: string) =>
    execFileSync('psql', ['-X', '-h', dir, '-p', String(port), '-d', database, '-tAc', query], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .toString()
      .trim();
  await waitFor(
    'PostgreSQL to accept connections',
    () => {
      try {
        return sql('postgres', 'SELECT 1') === '1' ? true : undefined;
      } catch {
        return undefined;
      }
    },
    30_000,
  );
  return { socketDir: dir, port, env, sql, stop: () => void child.kill('SIGTERM') };
}
