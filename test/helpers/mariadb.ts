/**
 * A MariaDB server of the test's own: a fresh data folder, listening on a Unix socket only, run as
 * `nobody` when the test runs as root (its clients then log in as root through the socket), stopped and
 * its folder removed by `stop()`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './local-target.ts';

/** A running server: its socket, and a query helper. */
export interface MariaDb {
  socket: string;
  /** Runs SQL (in `database` when given); its rows, one per line, fields joined by a tab. */
  sql(query: string, database?: string): string;
  /** Stops the server (waiting until it is gone) and removes its folder. */
  stop(): Promise<void>;
}

/** How long a busy machine may take to start or stop a server. */
const DEADLINE_MS = 120_000;

/** Starts a server in `dir` (which it takes over). */
export async function startMariaDb(dir: string): Promise<MariaDb> {
  const root = process.getuid?.() === 0;
  if (root)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'nobody']).toString()),
      Number(execFileSync('id', ['-g', 'nobody']).toString()),
    );
  const as = (argv: string[]) =>
    root ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv] : argv;
  const data = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  // --no-defaults: nothing of the machine's own server (/etc/mysql) applies. As a plain user, --user makes
  // install-db give that user an account with socket authentication; root has one always.
  const [install, ...installArgs] = as([
    'mariadb-install-db',
    '--no-defaults',
    `--datadir=${data}`,
    '--skip-test-db',
    ...(root ? [] : [`--user=${userInfo().username}`]),
  ]);
  execFileSync(install!, installArgs, { stdio: 'ignore', timeout: DEADLINE_MS });
  const [server, ...args] = as([
    'mariadbd',
    '--no-defaults',
    `--datadir=${data}`,
    `--socket=${socket}`,
    '--skip-networking',
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    `--log-error=${join(dir, 'error.log')}`,
  ]);
  const child: ChildProcess = spawn(server!, args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(resolve, DEADLINE_MS, 'timeout').unref(),
      );
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const sql = (query: string, database?: string) =>
    execFileSync(
      'mariadb',
      [
        `--socket=${socket}`,
        '-NBr',
        ...(database === undefined ? [] : [`--database=${database}`]),
        '-e',
        query,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .toString()
      .trim();
  try {
    await waitFor(
      'MariaDB to accept connections',
      () => {
        if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}`);
        try {
          return sql('SELECT 1') === '1' ? true : undefined;
        } catch {
          return undefined;
        }
      },
      DEADLINE_MS,
    );
  } catch (error) {
    const log = join(dir, 'error.log');
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    await stop();
    throw new Error(`${(error as Error).message}; its error log ends:\n${tail}`, { cause: error });
  }
  return { socket, sql, stop };
}
