/**
 * The `postgresql-database` activation module (Dysnomia's postgresql-database type): a database named
 * after the service, in the PostgreSQL server its container names (`socketDir`, `port`), created with
 * the package's `*.sql` files run in one transaction the first time. Activating an existing database
 * changes nothing; deactivating does not drop it: its data stays until `collectGarbage` drops it (which
 * `drover gc --state` runs once no generation uses it). `lock` makes the database read-only for every
 * new session (`default_transaction_read_only`) and ends the sessions opened before, waiting until they
 * are gone: what is written is then in the next snapshot. A session could still ask for a read-write
 * transaction: the lock keeps well-behaved applications out, it is no permission. Needs PostgreSQL 14
 * (`pg_terminate_backend` with a timeout).
 */
import type { ManagerCommands, Renderer, RenderedUnit, UnitSpec } from '../types.ts';
import { RenderError } from '../types.ts';
import { checkNotRestoreName, noOverrides, packageOf } from './common.ts';

const MANAGER = 'postgresql-database';

/** Whether the database exists: `$1` socket dir, `$2` port, `$3` name. */
const EXISTS = `[ "$(psql -X -h "$1" -p "$2" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$3'")" = 1 ]`;

/**
 * Creates the database unless it exists, with the package's SQL files in one transaction; a database whose
 * files fail is dropped again, so that the next activation starts afresh. `$4` the package.
 */
const CREATE = [
  `if ${EXISTS}; then exit 0; fi`,
  'createdb -h "$1" -p "$2" "$3" || exit 1',
  'set -- "$@" "$4"/*.sql',
  'h=$1 p=$2 db=$3; shift 4',
  '[ -e "$1" ] || exit 0',
  'cat "$@" | psql -X -q -v ON_ERROR_STOP=1 --single-transaction -h "$h" -p "$p" -d "$db" -f - || { dropdb -h "$h" -p "$p" "$db"; exit 1; }',
].join('\n');

/** What a restore calls the database it restores into, after the one it replaces. */
const RESTORING = '_restoring';

/**
 * Replaces the database with the pg_dump archive on standard input: restored into a new database, which
 * then takes the old one's place; the old one is untouched when restoring fails. The new database has no
 * settings (pg_restore leaves the archive's out without --create): restored over a locked database, it
 * accepts writes.
 */
const RESTORE = [
  `h=$1 p=$2 db=$3 new=$3${RESTORING}`,
  'dropdb --if-exists -h "$h" -p "$p" "$new" && createdb -h "$h" -p "$p" "$new" || exit 1',
  'pg_restore --no-owner -h "$h" -p "$p" -d "$new" || { dropdb -h "$h" -p "$p" "$new"; exit 1; }',
  'dropdb --if-exists --force -h "$h" -p "$p" "$db" || exit 1',
  `psql -X -q -h "$h" -p "$p" -d postgres -c "ALTER DATABASE \\"$new\\" RENAME TO \\"$db\\""`,
].join('\n');

/**
 * Makes the database read-only unless it does not exist, then ends the sessions opened before (within
 * 60 s each; it fails when one is left): those opened later are read-only. `$1` socket dir, `$2` port,
 * `$3` name.
 */
const LOCK = [
  `psql -X -q -v ON_ERROR_STOP=1 -v db="$3" -h "$1" -p "$2" -d postgres <<'EOF'`,
  "SELECT count(*) = 1 AS found FROM pg_database WHERE datname = :'db' \\gset",
  '\\if :found',
  'ALTER DATABASE :"db" SET default_transaction_read_only = on;',
  'SELECT clock_timestamp() AS locked \\gset',
  "SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity WHERE datname = :'db' AND backend_start < :'locked' \\g /dev/null",
  "SELECT count(*) > 0 AS stuck FROM pg_stat_activity WHERE datname = :'db' AND backend_start < :'locked' \\gset",
  '\\if :stuck',
  "DO $$BEGIN RAISE EXCEPTION 'sessions opened before the lock still run'; END$$;",
  '\\endif',
  '\\endif',
  'EOF',
].join('\n');

/**
 * Lets the database accept writes again when it is locked, and ends the sessions opened while it was:
 * they would stay read-only until they reconnect. `$1` socket dir, `$2` port, `$3` name.
 */
const UNLOCK = [
  `psql -X -q -v ON_ERROR_STOP=1 -v db="$3" -h "$1" -p "$2" -d postgres <<'EOF'`,
  'SELECT count(*) = 1 AS locked FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase',
  "  WHERE d.datname = :'db' AND s.setrole = 0 AND 'default_transaction_read_only=on' = ANY (s.setconfig) \\gset",
  '\\if :locked',
  'ALTER DATABASE :"db" RESET default_transaction_read_only;',
  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :'db' \\g /dev/null",
  '\\endif',
  'EOF',
].join('\n');

export const postgresqlDatabase: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { socketDir: 'absolutePath', port: 'string' },
  systemNames: (service) => [service],
  reservedNames: [
    { name: 'postgres', reason: 'the maintenance database of every PostgreSQL server' },
    { name: 'template0', reason: 'a template database of every PostgreSQL server' },
    { name: 'template1', reason: 'a template database of every PostgreSQL server' },
  ],
  checkOverrides: noOverrides(MANAGER),
  render(unit: UnitSpec): RenderedUnit {
    const pkg = packageOf(unit, MANAGER);
    const { socketDir, port } = unit.containerProperties;
    if (socketDir === undefined || port === undefined || !/^\d+$/.test(port))
      throw new RenderError(
        unit.service,
        ['type'],
        MANAGER,
        `its container '${unit.container}' needs the properties socketDir (an absolute path) and port (a number)`,
      );
    checkNotRestoreName(unit, MANAGER, [RESTORING]);
    const server = [socketDir, port, unit.service];
    const commands: ManagerCommands = {
      start: [['sh', '-c', CREATE, 'sh', ...server, pkg]],
      // Deactivating keeps the data (Dysnomia's semantics): a database is never dropped on the way.
      stop: [['true']],
      status: [['sh', '-c', EXISTS, 'sh', ...server]],
      logs: [['psql', '-X', '-h', socketDir, '-p', port, '-d', unit.service, '-c', '\\dt']],
      snapshot: [['pg_dump', '-Fc', '-h', socketDir, '-p', port, unit.service]],
      restore: [['sh', '-c', RESTORE, 'sh', ...server]],
      lock: [['sh', '-c', LOCK, 'sh', ...server]],
      unlock: [['sh', '-c', UNLOCK, 'sh', ...server]],
      collectGarbage: [['dropdb', '--if-exists', '--force', '-h', socketDir, '-p', port, unit.service]],
    };
    return { files: [], install: [], setup: [], commands };
  },
};
