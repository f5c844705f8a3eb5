/**
 * The boot hook's files, checked with the tools that read them: systemd units with `systemd-analyze
 * verify`, the sysvinit script and the launcher run with sh on a real state dir. Installing and removing
 * the crontab entry, and a reboot, are tested on the test network (apply.test.ts).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bootCronLine,
  bootHookName,
  bootLauncher,
  bootSystemdUnit,
  bootSysvinitScript,
} from '../controller/apply/boot-hook.ts';
import { shellQuote } from '../renderers/sh-quote.ts';
import { TempDirs } from './helpers/models.ts';

describe('boot hooks', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  /** A state dir at generation 1, whose boot script appends to `ran`, under a name with a space and `%`. */
  function stateDir(): { dir: string; ran: string } {
    const dir = join(temp.make(), "state 100% 'x'");
    mkdirSync(join(dir, 'generations'), { recursive: true });
    mkdirSync(join(dir, 'log'));
    const ran = join(dir, 'ran');
    writeFileSync(join(dir, 'current'), '1\n');
    writeFileSync(join(dir, 'generations', '1.boot'), `echo booted >>${shellQuote(ran)}\n`);
    writeFileSync(join(dir, 'boot'), bootLauncher(dir), { mode: 0o755 });
    return { dir, ran };
  }

  it('systemd reads the system and the user unit without a complaint', () => {
    const dir = temp.make();
    for (const user of [false, true]) {
      const path = join(dir, `${bootHookName(`/srv/a b/100%/${String(user)}`)}.service`);
      writeFileSync(path, bootSystemdUnit(`/srv/a b/100%/${String(user)}`, user));
      const check = spawnSync('systemd-analyze', ['verify', '--man=no', ...(user ? ['--user'] : []), path], {
        encoding: 'utf8',
        // The user manager's runtime folder (no session here has one).
        env: { ...process.env, XDG_RUNTIME_DIR: dir },
      });
      assert.equal(check.stderr.trim(), '', check.stderr);
      assert.match(
        readFileSync(path, 'utf8'),
        user ? /^WantedBy=default\.target$/m : /^WantedBy=multi-user\.target$/m,
      );
    }
  });

  it("the launcher runs the current generation's boot script, and logs it; without one it says so", () => {
    const { dir, ran } = stateDir();

    execFileSync('sh', [join(dir, 'boot')]);
    assert.equal(readFileSync(ran, 'utf8'), 'booted\n');

    writeFileSync(join(dir, 'current'), '2\n');
    execFileSync('sh', [join(dir, 'boot')]);
    assert.equal(readFileSync(ran, 'utf8'), 'booted\n', 'generation 2 has no boot script');
    const log = readFileSync(join(dir, 'log', 'boot.log'), 'utf8');
    assert.match(log, /^\d{4}-\d\d-\d\dT\S+Z boot\n(\S+Z boot\n)?generation 2 starts no manager\n$/m);
  });

  it('the sysvinit script starts the launcher and ignores stop', () => {
    const { dir, ran } = stateDir();
    const script = join(temp.make(), 'init');
    writeFileSync(script, bootSysvinitScript(dir));

    execFileSync('sh', [script, 'stop']);
    assert.throws(() => readFileSync(ran));
    execFileSync('sh', [script, 'start']);

    assert.equal(readFileSync(ran, 'utf8'), 'booted\n');
    assert.match(readFileSync(script, 'utf8'), new RegExp(`^# Provides: +${bootHookName(dir)}$`, 'm'));
  });

  it('the crontab line runs the launcher once cron has read it (`%` escaped), and names the hook', () => {
    const { dir, ran } = stateDir();
    const line = bootCronLine(dir);
    const command = /^@reboot (.*)$/.exec(line)![1]!;

    // cron ends the command at an unescaped `%` and drops the `\` of an escaped one.
    assert.doesNotMatch(command, /(^|[^\\])%/);
    execFileSync('/bin/sh', ['-c', command.replaceAll('\\%', '%')], { env: { PATH: '/usr/bin:/bin' } });

    assert.equal(readFileSync(ran, 'utf8'), 'booted\n');
    assert.ok(line.endsWith(`# ${bootHookName(dir)}`));
  });
});
