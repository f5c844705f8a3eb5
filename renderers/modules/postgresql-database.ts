/**
 * The `postgresql-database` activation module (Dysnomia's postgresql-database type): a database named
 * after the service, in the PostgreSQL server its container names (`socketDir`, `port`), created with
 * the package's `*.sql` files run in one transaction the first time. Activating an existing database
 * changes nothing; deactivating does not drop it: its data stays (a `drover gc --state` that drops what
 * no generation uses is still to come).
 */
import type { ManagerCommands, Renderer, RenderedUnit, UnitSpec } from '../types.ts';
import { RenderError } from '../types.ts';
import { noOverrides, packageOf } from './common.ts';

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

/**
 * Replaces the database with the pg_dump archive on standard input: restored into a new database, which
 * then takes the old one's place; the old one is untouched when restoring fails.
 */
const RESTORE = [
  'h=$1 p=$2 db=$3 new=$3_restoring',
  'dropdb --if-exists -h "$h" -p "$p" "$new" && createdb -h "$h" -p "$p" "$new" || exit 1',
  'pg_restore --no-owner -h "$h" -p "$p" -d "$new" || { dropdb -h "$h" -p "$p" "$new"; exit 1; }',
  'dropdb --if-exists --force -h "$h" -p "$p" "$db" || exit 1',
  `psql -X -q -h "$h" -p "$p" -d postgres -c "ALTER DATABASE \\"$new\\" RENAME TO \\"$db\\""`,
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
    const server = [socketDir, port, unit.service];
    const commands: ManagerCommands = {
      start: [['sh', '-c', CREATE, 'sh', ...server, pkg]],
      // Deactivating keeps the data (Dysnomia's semantics): a database is never dropped on the way.
      stop: [['true']],
      status: [['sh', '-c', EXISTS, 'sh', ...server]],
      logs: [['psql', '-X', '-h', socketDir, '-p', port, '-d', unit.service, '-c', '\\dt']],
      snapshot: [['pg_dump', '-Fc', '-h', socketDir, '-p', port, unit.service]],
      restore: [['sh', '-c', RESTORE, 'sh', ...server]],
    };
    return { files: [], install: [], setup: [], commands };
  },
};
