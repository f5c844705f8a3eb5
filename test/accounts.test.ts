/**
 * Accounts on a privileged target: an ID from the uids/gids pools that an account of another name
 * already holds there is refused while preparing the target, naming the pool, the ID and the account
 * (rather than groupadd failing deep in an activation). Runs the real scripts, as root.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { accountSetup } from '../renderers/accounts.ts';
import type { UnitSpec } from '../renderers/types.ts';

const asRoot = process.getuid?.() === 0;
const TAKEN_GID = 47_311;
const TAKEN_UID = 47_312;

/** The account setup of a unit whose user `drover-t-svc` and group should get these IDs. */
function setupFor(uid: number, gid: number): string[][] {
  const unit = {
    privileged: true,
    process: {
      user: 'drover-t-svc',
      credentials: {
        users: [{ name: 'drover-t-svc', id: uid, group: 'drover-t-svc' }],
        groups: [{ name: 'drover-t-svc', id: gid }],
      },
    },
  } as unknown as UnitSpec;
  return accountSetup(unit);
}

const run = (argv: string[]) => spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });

describe('accounts on a privileged target', () => {
  before(function () {
    if (!asRoot) this.skip();
    execFileSync('groupadd', ['--gid', String(TAKEN_GID), 'drover-t-other']);
    execFileSync('useradd', ['--uid', String(TAKEN_UID), '--no-create-home', 'drover-t-other2']);
  });
  after(() => {
    if (!asRoot) return;
    for (const [tool, name] of [
      ['userdel', 'drover-t-other2'],
      ['userdel', 'drover-t-svc'],
      ['groupdel', 'drover-t-other'],
      ['groupdel', 'drover-t-svc'],
      ['groupdel', 'drover-t-other2'],
    ] as const) {
      spawnSync(tool, [name]);
    }
  });

  it(`refuses a gid or uid another account holds, naming the pool, the ID and the account${asRoot ? '' : ' (not run: needs root)'}`, () => {
    const [group] = setupFor(TAKEN_UID + 100, TAKEN_GID);
    const groupResult = run(group!);
    const [, user] = setupFor(TAKEN_UID, TAKEN_GID + 100);
    run(setupFor(TAKEN_UID, TAKEN_GID + 100)[0]!); // its group, with a free gid
    const userResult = run(user!);

    assert.equal(groupResult.status, 1);
    assert.match(
      groupResult.stderr,
      new RegExp(
        `^drover: gid ${TAKEN_GID} from the pool gids, for group drover-t-svc, is already the gid of group drover-t-other here`,
      ),
    );
    assert.equal(userResult.status, 1);
    assert.match(
      userResult.stderr,
      new RegExp(
        `^drover: uid ${TAKEN_UID} from the pool uids, for user drover-t-svc, is already the uid of user drover-t-other2 here`,
      ),
    );
  });
});
