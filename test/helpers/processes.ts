/**
 * Finding and killing the processes that tests leave running, by what they reference, through /proc
 * (Linux only). Synchronous throughout, so that it also works in process 'exit' handlers.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * Processes other than this one whose command line or working dir names `dir` or a path in it, or, when
 * `markerVariable` is given, whose environment sets that variable to such a path.
 */
export function pidsReferencing(dir: string, markerVariable?: string): number[] {
  const inDir = (path: string) => `${path}/`.startsWith(`${dir}/`);
  const marker = markerVariable === undefined ? undefined : `${markerVariable}=`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const words = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split(/[\0 ]/); // sshd retitles: spaces
      if (
        words.some((word) => `${word}/`.includes(`${dir}/`)) ||
        inDir(readlinkSync(`/proc/${pid}/cwd`)) ||
        (marker !== undefined &&
          readFileSync(`/proc/${pid}/environ`, 'latin1')
            .split('\0')
            .some((variable) => variable.startsWith(marker) && inDir(variable.slice(marker.length))))
      )
        pids.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/**
 * SIGKILLs what `list` returns and all their descendants, until `list` returns nothing. The tree is
 * stopped first, so that none of it starts processes while it is being looked for.
 */
export function killUntilGone(list: () => number[]): void {
  for (let round = 0; round < 50; round++) {
    let tree = list().filter(processAlive);
    if (tree.length === 0) return;
    for (let stopped = 0; stopped < tree.length;) {
      signal(tree, 'SIGSTOP');
      stopped = tree.length;
      tree = withDescendants(tree);
    }
    signal(tree, 'SIGKILL');
    sleepSync(10);
  }
}

/** The processes and all their descendants. */
export function withDescendants(pids: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // not a process, or gone
    }
  }
  const tree = new Set(pids);
  for (const pid of tree) for (const child of children.get(pid) ?? []) tree.add(child);
  return [...tree];
}

/** Sends the signal to each process, ignoring those that are gone. */
export function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // gone
    }
  }
}

/** The process's command name (/proc/PID/comm), or undefined when it is gone. */
export function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
  } catch {
    return undefined;
  }
}

/** Whether pid runs (a zombie does not: it is only waiting to be reaped). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Blocks the thread for `ms` milliseconds (for waits inside 'exit' handlers, where nothing async runs). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
