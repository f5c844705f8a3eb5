/**
 * drover's state files on a target, with the real scripts on a real file system (the local transport):
 * a state file that is not a regular file is an error and is never read (a FIFO would block for ever), a
 * read-only state dir says so instead of "locked", and a full disk fails the record of a generation
 * without making it current. Mounting needs root; those cases say so when skipped.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployedUnit, Manifest } from '../controller/apply/manifest.ts';
import type { ManagerCommands } from '../renderers/types.ts';
import {
  begin,
  commitGeneration,
  probe,
  readGenerations,
  recordGeneration,
  refreshLock,
  RemoteError,
  unitsDigest,
  unlock,
} from '../controller/apply/remote.ts';
import { LocalTransport } from '../controller/transport/local.ts';
import { TempDirs } from './helpers/models.ts';

const OWNER = 'state test';
const asRoot = process.getuid?.() === 0;

/** A manifest of generation `generation` with no units. */
function manifest(generation: number): Manifest {
  return { version: 1, generation, deployment: 'test', time: '2025-01-01T00:00:00Z', units: [] };
}

/** A unit of a manifest in the state dir `dir`, whose manager commands are `commands` (none by default). */
function deployedUnit(dir: string, service: string, commands: Partial<ManagerCommands>): DeployedUnit {
  return {
    service,
    target: 't1',
    container: 'process',
    hash: service,
    specHash: service,
    dependsOn: [],
    stateDir: dir,
    unitDir: join(dir, 'units', service),
    entries: [],
    install: [],
    setup: [],
    commands: { start: [], stop: [], status: [], logs: [], ...commands },
  };
}

describe('drover state files on a real file system', function () {
  this.timeout(10_000);
  const temp = new TempDirs();
  const transport = new LocalTransport();
  const mounts: string[] = [];
  afterEach(() => {
    for (const dir of mounts.splice(0)) execFileSync('umount', [dir]);
    temp.cleanup();
  });

  /** A state dir at generation 1. */
  function deployed(): string {
    const dir = temp.make();
    mkdirSync(join(dir, 'generations'));
    writeFileSync(join(dir, 'generations', '1.json'), JSON.stringify(manifest(1)));
    writeFileSync(join(dir, 'current'), '1\n');
    return dir;
  }

  /** A tmpfs of `size` at a new folder. */
  function tmpfs(size: string): string {
    const dir = temp.make();
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  }

  const rejectsWith = (promise: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof RemoteError, String(error));
      assert.match(error.message, pattern);
      return true;
    });

  it('refuses a FIFO in place of current at once, and leaves no lock behind', async () => {
    const dir = temp.make();
    execFileSync('mkfifo', [join(dir, 'current')]);

    await rejectsWith(begin(transport, dir, OWNER, 10, []), /\/current is not a regular file$/);

    assert.equal(existsSync(join(dir, 'lock')), false);
  });

  it('refuses a FIFO in place of the current manifest, when locking and when reading', async () => {
    const dir = temp.make();
    mkdirSync(join(dir, 'generations'));
    execFileSync('mkfifo', [join(dir, 'generations', '1.json')]);
    writeFileSync(join(dir, 'current'), '1\n');

    await rejectsWith(begin(transport, dir, OWNER, 10, []), /generations\/1\.json is not a regular file$/);
    await rejectsWith(readGenerations(transport, dir, 2), /generations\/1\.json is not a regular file$/);
    assert.equal(existsSync(join(dir, 'lock')), false);
  });

  it('refuses a folder in place of the lock owner, or a file in place of the lock', async () => {
    const held = temp.make();
    mkdirSync(join(held, 'lock', 'owner'), { recursive: true });
    const file = temp.make();
    writeFileSync(join(file, 'lock'), '');

    await rejectsWith(begin(transport, held, OWNER, 10, []), /\/lock\/owner is not a regular file$/);
    await rejectsWith(begin(transport, file, OWNER, 10, []), /\/lock is not a folder$/);
  });

  it('records a generation, then makes it current and releases the lock', async () => {
    const dir = deployed();
    assert.equal((await begin(transport, dir, OWNER, 10, [])).locked, false);

    await recordGeneration(transport, dir, manifest(2));
    assert.equal(readFileSync(join(dir, 'current'), 'utf8'), '1\n', 'recorded, not yet current');
    await commitGeneration(transport, dir, 2);

    assert.equal(readFileSync(join(dir, 'current'), 'utf8'), '2\n');
    const recorded = JSON.parse(readFileSync(join(dir, 'generations', '2.json'), 'utf8')) as Manifest;
    assert.equal(recorded.generation, 2);
    assert.equal(existsSync(join(dir, 'lock')), false);
  });

  it("records each generation's probe; probing reads the generation, what its managers say, the lock and the machine", async () => {
    const dir = deployed();
    /** A unit whose status exits `code`, under a manager that is up or down. */
    const unit = (service: string, code: number, managerUp: boolean): DeployedUnit =>
      deployedUnit(dir, service, {
        status: [['sh', '-c', `exit ${code}`]],
        manager: { name: `m ${service}`, alive: [managerUp ? 'true' : 'false'] },
      });
    // Unit folders link their store entries; one links another entry (a run that died before recording).
    const linked = (u: DeployedUnit, entry: string, links = entry): DeployedUnit => {
      mkdirSync(join(dir, 'units'), { recursive: true });
      symlinkSync(join(dir, 'store', links), u.unitDir);
      return { ...u, unitEntry: entry };
    };
    const units = [
      linked(unit('up', 0, true), 'e1-up-unit'),
      // Its folder links nothing (a failed start was rolled back): not running, as its manager says.
      { ...unit('stopped', 3, true), unitEntry: 'e3-stopped-unit' },
      unit('failed', 4, false),
      linked(unit('moved', 0, true), 'e2-moved-unit', 'e0-moved-unit'),
      unit('starting', 5, true),
    ];
    assert.equal((await begin(transport, dir, OWNER, 10, [])).locked, false);
    await recordGeneration(transport, dir, { ...manifest(2), units });
    await commitGeneration(transport, dir, 2);

    const report = await probe(transport, dir);

    assert.equal(report.generation, 2);
    assert.equal(report.digest, unitsDigest(units));
    assert.deepEqual(
      [...report.observed!.notRunning],
      [
        ['stopped@t1/process', 'stopped'],
        ['failed@t1/process', 'failed'],
        ['moved@t1/process', 'other-entry'],
      ],
    );
    assert.deepEqual(report.observed!.managersDown, ['m failed']);
    assert.deepEqual(report.observed!.starting, ['starting@t1/process'], 'starting is not drift');
    assert.deepEqual(report.observed!.running, ['up@t1/process']);
    assert.equal(report.locked, false);
    assert.equal(report.load?.length, 3);
    assert.ok(report.memoryAvailable! > 0 && report.diskFree! > 0);
    const recorded = JSON.parse(readFileSync(join(dir, 'generations', '2.json'), 'utf8')) as Manifest;
    assert.deepEqual(recorded.units, units, 'the manifest holds the manifest only, the probe its own file');
  });

  it("records each generation's boot script: every unit's setup once, the managers' starts last, going on past a failure", async () => {
    const dir = deployed();
    const log = join(dir, 'boot-order');
    const step = (what: string) => ['sh', '-c', `echo ${what} >>"$1"`, 'sh', log];
    const start = step('manager-started');
    const unit = (service: string, setup: string[][]): DeployedUnit => ({
      ...deployedUnit(dir, service, { status: [['true']], manager: { name: 'm', alive: ['true'], start } }),
      setup,
    });
    // a's setup starts the manager before b's folders exist: boot starts it after them.
    const units = [unit('a', [step('a-folders'), start]), unit('b', [['false'], step('b-folders'), start])];
    await begin(transport, dir, OWNER, 10, []);
    await recordGeneration(transport, dir, { ...manifest(2), units });
    await commitGeneration(transport, dir, 2);

    const boot = execFileSync('sh', [join(dir, 'generations', '2.boot')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    assert.equal(boot, '');
    assert.equal(readFileSync(log, 'utf8'), 'a-folders\nb-folders\nmanager-started\n');
    await recordGeneration(transport, dir, { ...manifest(3), units: [] });
    assert.equal(readFileSync(join(dir, 'generations', '3.boot'), 'utf8'), '', 'no manager: nothing at boot');
  });

  it("a lock refresh that comes after the commit released the lock leaves no lock behind, nor touches the next run's", async () => {
    const dir = deployed();
    await begin(transport, dir, OWNER, 10, []);
    await recordGeneration(transport, dir, manifest(2));
    await commitGeneration(transport, dir, 2);

    await refreshLock(transport, dir, OWNER);
    assert.equal(existsSync(join(dir, 'lock')), false, 'no file named lock: the next apply can lock');

    assert.equal((await begin(transport, dir, 'next run', 10, [])).locked, false);
    execFileSync('touch', ['-d', '2020-01-01', join(dir, 'lock')]);
    await refreshLock(transport, dir, OWNER);
    assert.equal(
      statSync(join(dir, 'lock')).mtime.getFullYear(),
      2020,
      "the next run's lock is not ours to refresh",
    );
  });

  it(`says a read-only state dir is read-only, not locked${asRoot ? '' : ' (not run: mounting needs root)'}`, async function () {
    if (!asRoot) this.skip();
    const dir = tmpfs('1m');
    writeFileSync(join(dir, 'current'), '0\n');
    assert.equal((await begin(transport, dir, OWNER, 10, [])).locked, false);
    await unlock(transport, dir, OWNER);
    execFileSync('mount', ['-o', 'remount,ro', dir]);

    await rejectsWith(
      begin(transport, dir, OWNER, 10, []),
      /^cannot create .*\/lock: Read-only file system$/,
    );
  });

  it(`fails to record a generation on a read-only or full state dir, leaving current as it was${asRoot ? '' : ' (not run: mounting needs root)'}`, async function () {
    if (!asRoot) this.skip();
    const full = tmpfs('64k');
    const readOnly = tmpfs('1m');
    for (const dir of [full, readOnly]) {
      mkdirSync(join(dir, 'generations'));
      writeFileSync(join(dir, 'generations', '1.json'), JSON.stringify(manifest(1)));
      writeFileSync(join(dir, 'current'), '1\n');
      assert.equal((await begin(transport, dir, OWNER, 10, [])).locked, false);
    }
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(full, 'filler')}`, 'bs=4k', 'count=64'], {
        stdio: 'ignore',
      });
    } catch {
      // dd stops with an error once the file system is full, which is the point.
    }
    execFileSync('mount', ['-o', 'remount,ro', readOnly]);
    const big: Manifest = { ...manifest(2), deployment: 'x'.repeat(16_384) };

    await rejectsWith(
      recordGeneration(transport, full, big),
      /^cannot write .*\/generations\/2\.json: No space left on device$/,
    );
    await rejectsWith(
      recordGeneration(transport, readOnly, manifest(2)),
      /^cannot write .*\/generations\/2\.json: Read-only file system$/,
    );
    await rejectsWith(
      unlock(transport, readOnly, OWNER),
      /^cannot release the lock .*: Read-only file system$/,
    );

    for (const dir of [full, readOnly]) assert.equal(readFileSync(join(dir, 'current'), 'utf8'), '1\n');
    await rejectsWith(commitGeneration(transport, full, 2), /generation 2 was not staged/);
    assert.equal(existsSync(join(full, 'generations', '2.json')), false, 'no partial manifest is left');
  });
});
