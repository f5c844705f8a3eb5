/**
 * A target on this machine for renderer tests: installs a unit's rendered files the way activation
 * does (files in the store, the unit folder linked to them, the manager's links), then runs its commands.
 */
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Argv } from '../../renderers/types.ts';
import type { Unit } from '../../controller/units.ts';
import { sha256 } from '../../controller/hashing.ts';

const run = promisify(execFile);

/** Installs units under their target's stateDir and drives them with their rendered commands. */
export class LocalTarget {
  constructor(readonly stateDir: string) {
    for (const dir of ['run', 'log', 'tmp', 'cache', 'store', 'units'])
      mkdirSync(join(stateDir, dir), { recursive: true });
  }

  /** Puts the unit's files in place and links it in. */
  install(unit: Unit): void {
    const rendered = unit.rendered!;
    const store = join(
      this.stateDir,
      'store',
      `${sha256(JSON.stringify(rendered.files)).slice(0, 32)}-${unit.service}`,
    );
    for (const file of rendered.files) {
      const path = join(store, file.path);
      mkdirSync(dirname(path), { recursive: true });
      if (file.symlink !== undefined) symlinkSync(file.symlink, path);
      else {
        writeFileSync(path, file.content);
        chmodSync(path, file.mode);
      }
    }
    for (const file of unit.spec.files) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.content);
    }
    rmSync(unit.spec.unitDir, { force: true });
    symlinkSync(store, unit.spec.unitDir);
    for (const link of rendered.install) {
      mkdirSync(dirname(link.at), { recursive: true });
      rmSync(link.at, { force: true });
      symlinkSync(`${unit.spec.unitDir}/${link.file}`, link.at);
    }
  }

  /** Removes the unit's links. */
  uninstall(unit: Unit): void {
    for (const link of unit.rendered!.install) rmSync(link.at, { force: true });
    rmSync(unit.spec.unitDir, { force: true });
  }

  /** Runs argvs in order; rejects with the output of the first that fails. */
  async run(commands: Argv[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
    let output = '';
    for (const [file, ...args] of commands) {
      try {
        const result = await run(file!, args, { env, timeout: 20_000 });
        output += result.stdout + result.stderr;
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(
          `${[file, ...args].join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`,
          { cause: error },
        );
      }
    }
    return output;
  }

  /** Whether the status commands succeed. */
  async isRunning(unit: Unit): Promise<boolean> {
    try {
      await this.run(unit.rendered!.commands.status);
      return true;
    } catch {
      return false;
    }
  }
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
