/**
 * The `mysql-database` activation module (Dysnomia's mysql-database type), for MariaDB as Debian ships
 * it: a database named after the service, in the server whose Unix socket its container names
 * (`socket`), created with the package's `*.sql` files the first time. The clients (`mariadb`,
 * `mariadb-dump`) connect through that socket as the user running them: MariaDB's socket
 * authentication, root's on a Debian server; settings of the user's `~/.my.cnf` apply. Activating an
 * existing database changes nothing; deactivating does not drop it: its data stays until
 * `collectGarbage` drops it (which `drover gc --state` runs once no generation uses it).
 *
 * Its quirks: MariaDB runs DDL outside transactions, so a database whose files fail is dropped whole
 * rather than rolled back. It has no RENAME DATABASE: a restore loads the snapshot into a database of its
 * own, then moves the tables in one RENAME TABLE, which is atomic; RENAME TABLE cannot move views,
 * triggers, routines or events to another database, so a restore refuses a database that has any (a
 * snapshot of one is still a dump the `mariadb` client loads). There is no `lock`: MariaDB has no
 * read-only switch per database (`read_only` is the whole server's), revoking privileges misses the
 * accounts with global ones and leaves nothing to say what unlock should give back, and a `FLUSH TABLES
 * ... WITH READ LOCK` lasts only as long as its session and makes writers wait rather than fail.
 */
import {
  RenderError,
  type ManagerCommands,
  type Renderer,
  type RenderedUnit,
  type UnitSpec,
} from '../types.ts';
import { checkNotRestoreName, noOverrides, packageOf } from './common.ts';

const MANAGER = 'mysql-database';

/** The longest database name MariaDB takes. */
const MAX_NAME = 64;

/** The suffix of the database a restore loads a snapshot into, the longest one a name gets. */
const RESTORING = '_restoring';
/** What a restore calls the database holding the tables it replaced, for a moment. */
const REPLACED = '_replaced';

/** Whether the database exists: `$1` socket, `$2` name. */
const EXISTS = `[ "$(mariadb --socket="$1" -NBe "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$2'")" = 1 ]`;

/**
 * Creates the database unless it exists, with the package's SQL files in one client session (which stops
 * at the first error); a database whose files fail is dropped again, so that the next activation starts
 * afresh. `$3` the package.
 */
const CREATE = [
  `if ${EXISTS}; then exit 0; fi`,
  's=$1 db=$2',
  'mariadb --socket="$s" -e "CREATE DATABASE \\`$db\\`" || exit 1',
  'set -- "$3"/*.sql',
  '[ -e "$1" ] || exit 0',
  'cat "$@" | mariadb --socket="$s" --database="$db" || { mariadb --socket="$s" -e "DROP DATABASE \\`$db\\`"; exit 1; }',
].join('\n');

/**
 * Replaces the database with the dump on standard input. The dump is loaded into `<db>_restoring` first,
 * so that a dump that fails to load leaves the database untouched; then one RENAME TABLE (atomic: all or
 * nothing) moves the database's tables into `<db>_replaced` and the restored ones into the database, and
 * both leftovers are dropped. It waits 5 minutes at most for transactions still using the tables.
 */
const RESTORE = [
  `s=$1 db=$2 new=$2${RESTORING} old=$2${REPLACED}`,
  'q() { mariadb --socket="$s" -NBr "$@"; }',
  'q -e "DROP DATABASE IF EXISTS \\`$new\\`; CREATE DATABASE \\`$new\\`" || exit 1',
  'q --database="$new" || { q -e "DROP DATABASE \\`$new\\`"; exit 1; }',
  `others=$(q -e "SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('$db', '$new') AND TABLE_TYPE <> 'BASE TABLE') + (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN ('$db', '$new')) + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN ('$db', '$new')) + (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN ('$db', '$new'))")`,
  '[ "$others" = 0 ] || { echo "drover: $db or its snapshot has views, triggers, routines or events, which a restore cannot move; nothing restored" >&2; q -e "DROP DATABASE \\`$new\\`"; exit 1; }',
  // Each table `<schema>`.`<name>` renamed to the same name in the other database, the old ones first.
  `moves=$(q -e "SET SESSION group_concat_max_len = 4294967295; SELECT GROUP_CONCAT(CONCAT('\\\`', TABLE_SCHEMA, '\\\`.\\\`', REPLACE(TABLE_NAME, '\\\`', '\\\`\\\`'), '\\\` TO \\\`', IF(TABLE_SCHEMA = '$db', '$old', '$db'), '\\\`.\\\`', REPLACE(TABLE_NAME, '\\\`', '\\\`\\\`'), '\\\`') ORDER BY TABLE_SCHEMA = '$new', TABLE_NAME SEPARATOR ', ') FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('$db', '$new')") || { q -e "DROP DATABASE \\\`$new\\\`"; exit 1; }`,
  'q -e "DROP DATABASE IF EXISTS \\`$old\\`; CREATE DATABASE \\`$old\\`; CREATE DATABASE IF NOT EXISTS \\`$db\\`" || { q -e "DROP DATABASE \\`$new\\`"; exit 1; }',
  '[ "$moves" = NULL ] || q -e "SET SESSION lock_wait_timeout = 300; RENAME TABLE $moves" || { q -e "DROP DATABASE \\`$new\\`; DROP DATABASE \\`$old\\`"; exit 1; }',
  // Restored by now: leftovers a failed drop leaves behind are dropped by the next restore.
  'q -e "DROP DATABASE \\`$new\\`; DROP DATABASE \\`$old\\`" || echo "drover: restored, but $new or $old is left behind" >&2',
].join('\n');

export const mysqlDatabase: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { socket: 'absolutePath' },
  systemNames: (service) => [service],
  reservedNames: [
    { name: 'mysql', reason: 'the system database of every MariaDB server' },
    { name: 'information_schema', reason: 'a system database of every MariaDB server' },
    { name: 'performance_schema', reason: 'a system database of every MariaDB server' },
    { name: 'sys', reason: 'a system database of every MariaDB server' },
  ],
  checkOverrides: noOverrides(MANAGER),
  render(unit: UnitSpec): RenderedUnit {
    const pkg = packageOf(unit, MANAGER);
    const { socket } = unit.containerProperties;
    if (socket === undefined || !socket.startsWith('/'))
      throw new RenderError(
        unit.service,
        ['type'],
        MANAGER,
        `its container '${unit.container}' needs the property socket (the absolute path of the server's Unix socket)`,
      );
    if (unit.service.length + RESTORING.length > MAX_NAME)
      throw new RenderError(
        unit.service,
        ['type'],
        MANAGER,
        `a MariaDB database name has ${MAX_NAME} characters at most, and a restore needs ${RESTORING.length} more: the service's name is too long`,
      );
    checkNotRestoreName(unit, MANAGER, [RESTORING, REPLACED]);
    const server = [socket, unit.service];
    const client = ['mariadb', `--socket=${socket}`];
    const commands: ManagerCommands = {
      start: [['sh', '-c', CREATE, 'sh', ...server, pkg]],
      // Deactivating keeps the data (Dysnomia's semantics): a database is never dropped on the way.
      stop: [['true']],
      status: [['sh', '-c', EXISTS, 'sh', ...server]],
      logs: [[...client, '--table', `--database=${unit.service}`, '-e', 'SHOW FULL TABLES']],
      snapshot: [
        [
          'mariadb-dump',
          `--socket=${socket}`,
          '--single-transaction',
          '--routines',
          '--events',
          '--triggers',
          unit.service,
        ],
      ],
      restore: [['sh', '-c', RESTORE, 'sh', ...server]],
      collectGarbage: [[...client, '-e', `DROP DATABASE IF EXISTS \`${unit.service}\``]],
    };
    return { files: [], install: [], setup: [], commands };
  },
};
