/**
 * Users and groups a unit needs, as idempotent setup commands with the IDs from the uids/gids pools, and
 * the unit's run folder, owned by the user it runs as. Accounts only on privileged targets: in
 * unprivileged mode everything runs as the connecting user.
 */
import type { UnitSpec } from './types.ts';
import type { Argv } from './argv.ts';
import { groupOf } from './shell.ts';

/** Which account tools the target has. */
type AccountTools = 'shadow' | 'pw';

// Fixed scripts; every value arrives as a positional parameter and is never parsed.
const SCRIPTS: Record<AccountTools, { group: string; user: string }> = {
  shadow: {
    group:
      'getent group "$1" >/dev/null && exit 0\n' +
      'if [ -n "$2" ] && other=$(getent group "$2" | cut -d: -f1) && [ -n "$other" ]; then\n' +
      '  echo "drover: gid $2 from the pool gids, for group $1, is already the gid of group $other here: list it in the pool\'s reserved IDs" >&2; exit 1\n' +
      'fi\n' +
      'groupadd --system ${2:+--gid "$2"} -- "$1"',
    user:
      'id -u "$1" >/dev/null 2>&1 && exit 0\n' +
      'if [ -n "$2" ] && other=$(getent passwd "$2" | cut -d: -f1) && [ -n "$other" ]; then\n' +
      '  echo "drover: uid $2 from the pool uids, for user $1, is already the uid of user $other here: list it in the pool\'s reserved IDs" >&2; exit 1\n' +
      'fi\n' +
      'useradd --system ${2:+--uid "$2"} ${3:+--gid "$3"} ${4:+--comment "$4"} ' +
      '--home-dir "${5:-/nonexistent}" --no-create-home --shell "${6:-/usr/sbin/nologin}" -- "$1"',
  },
  pw: {
    group: 'pw groupshow "$1" >/dev/null 2>&1 || pw groupadd "$1" ${2:+-g "$2"}',
    user:
      'pw usershow "$1" >/dev/null 2>&1 || pw useradd "$1" ${2:+-u "$2"} ${3:+-g "$3"} ${4:+-c "$4"} ' +
      '-d "${5:-/nonexistent}" -s "${6:-/usr/sbin/nologin}"',
  },
};

/** Commands that create the unit's groups, then its users, unless they exist. */
export function accountSetup(unit: UnitSpec, tools: AccountTools = 'shadow'): Argv[] {
  if (!unit.privileged || !unit.process) return [];
  const { users, groups } = unit.process.credentials;
  const scripts = SCRIPTS[tools];
  const id = (value: number | undefined) => (value === undefined ? '' : String(value));
  return [
    ...groups.map((g) => ['sh', '-c', scripts.group, 'sh', g.name, id(g.id)]),
    ...users.map((u) => [
      'sh',
      '-c',
      scripts.user,
      'sh',
      u.name,
      id(u.id),
      u.group ?? '',
      u.description ?? '',
      u.homeDir ?? '',
      u.shell ?? '',
    ]),
  ];
}

/** Creates or fixes the folders $3 and $4, owned by user $1 and group $2 (else $1's own group). */
const OWN_DIRS = 'install -d -o "$1" -g "${2:-$(id -g "$1")}" -m 0755 "$3" "$4"';

/**
 * The command that creates the unit's run and temporary folders (after its accounts): on a privileged
 * target owned by the process's user (or `owner`, an account the manager runs it as), so that a daemon
 * running as that user can write its PID file and temporary files there; `<runtime>` and `<tmp>`
 * themselves stay root's.
 */
export function ownDirsSetup(
  unit: UnitSpec,
  owner: { user?: string; group?: string } | undefined = unit.process && {
    user: unit.process.user,
    group: groupOf(unit.process),
  },
): Argv[] {
  if (!unit.process) return [];
  if (!unit.privileged || owner?.user === undefined) return [['mkdir', '-p', unit.runDir, unit.tmpDir]];
  return [['sh', '-c', OWN_DIRS, 'sh', owner.user, owner.group ?? '', unit.runDir, unit.tmpDir]];
}
