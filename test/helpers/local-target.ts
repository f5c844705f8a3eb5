/**
 * A target on this machine for renderer tests, driven the way `drover apply` drives one: the unit's store
 * entries shipped with the deployment's own scripts, then activated (links, setup, start, wait until its
 * manager says it runs) and deactivated with them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedUnitOf, type DeployedUnit } from '../../controller/apply/manifest.ts';
import {
  activationScript,
  begin,
  deactivationScript,
  runScript,
  unlock,
  upload,
} from '../../controller/apply/remote.ts';
import { storeEntriesOf, tarOf } from '../../controller/apply/store.ts';
import { memoryRepoReader } from '../../controller/core/models/repo-reader.ts';
import { LocalTransport } from '../../controller/transport/local.ts';
import type { Unit } from '../../controller/core/units.ts';

/** The renderer tests' units ship no package. */
const NO_PACKAGES = memoryRepoReader({});

/** A target on this machine, reached through the local transport. */
export class LocalTarget {
  readonly transport = new LocalTransport();

  constructor(readonly stateDir: string) {}

  /** Ships what the unit needs and activates it; resolves once its manager reports it running. */
  async activate(unit: Unit): Promise<void> {
    const entries = storeEntriesOf(unit, NO_PACKAGES);
    const owner = 'renderer test';
    const state = await begin(
      this.transport,
      this.stateDir,
      owner,
      10,
      entries.map((e) => e.name),
    );
    if (state.locked) throw new Error(`${this.stateDir} is locked by ${state.owner}`);
    if (state.unchanged) throw new Error('begin was sent no digest, yet answered unchanged');
    try {
      await upload(
        this.transport,
        this.stateDir,
        await tarOf(entries.filter((e) => state.missing.includes(e.name))),
      );
    } finally {
      await unlock(this.transport, this.stateDir, owner);
    }
    await runScript(this.transport, activationScript([record(unit)])!, `activating ${unit.service}`);
  }

  /** Stops the unit and unlinks it. */
  async deactivate(unit: Unit): Promise<void> {
    await runScript(this.transport, deactivationScript([record(unit)])!, `deactivating ${unit.service}`);
  }

  /** Whether the unit's manager reports it running. */
  async isRunning(unit: Unit): Promise<boolean> {
    for (const argv of unit.rendered!.commands.status) {
      if ((await this.transport.exec(argv)).code !== 0) return false;
    }
    return true;
  }
}

function record(unit: Unit): DeployedUnit {
  return deployedUnitOf(unit, storeEntriesOf(unit, NO_PACKAGES));
}

/** What a running process received: its argv, environment, working folder and umask, from /proc. */
export interface Observed {
  argv: string[];
  environment: Record<string, string>;
  cwd: string;
  umask: string;
}

/** Reads a running process's argv, environment, cwd and umask. */
export function observeProcess(pid: number): Observed {
  const split = (text: string) => text.split('\0').slice(0, -1);
  const environment: Record<string, string> = {};
  for (const entry of split(readFileSync(`/proc/${pid}/environ`, 'utf8'))) {
    const eq = entry.indexOf('=');
    environment[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  const umask = /^Umask:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
  return {
    argv: split(readFileSync(`/proc/${pid}/cmdline`, 'utf8')),
    environment,
    cwd: readlinkSync(`/proc/${pid}/cwd`),
    umask,
  };
}

/** Waits until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a process exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a launcher script with sh, the way a manager would start it, and observes the process it execs
 * into (the caller names its argv[0]); the process is killed afterwards.
 */
export async function observeLauncher(
  script: string,
  execs: string,
  env: Record<string, string> = {},
): Promise<Observed> {
  const dir = mkdtempSync(join(tmpdir(), 'drover-launcher-'));
  const path = join(dir, 'run');
  writeFileSync(path, script);
  const child = spawn('/bin/sh', [path], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  try {
    return await waitFor('the launcher to exec', () => {
      const observed = observeProcess(child.pid!);
      return observed.argv[0] === execs && observed.argv[1] !== path ? observed : undefined;
    });
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
