/**
 * Users and groups a unit needs, as idempotent setup commands with the IDs from the uids/gids pools.
 * Only on privileged targets: in unprivileged mode everything runs as the connecting user.
 */
import type { UnitSpec } from './types.ts';
import type { Argv } from './argv.ts';

/** Which account tools the target has. */
type AccountTools = 'shadow' | 'pw';

// Fixed scripts; every value arrives as a positional parameter and is never parsed.
const SCRIPTS: Record<AccountTools, { group: string; user: string }> = {
  shadow: {
    group: 'getent group "$1" >/dev/null || groupadd --system ${2:+--gid "$2"} -- "$1"',
    user:
      'id -u "$1" >/dev/null 2>&1 || useradd --system ${2:+--uid "$2"} ${3:+--gid "$3"} ${4:+--comment "$4"} ' +
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
