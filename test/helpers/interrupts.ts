/**
 * Loaded by mocha (.mocharc.json "require") in the process that runs the tests. A signal that kills
 * node (SIGINT, SIGTERM, SIGHUP) skips process 'exit' handlers, and those are what tear down test
 * networks and temp dirs with everything running in them. Exiting with the shell's code for the signal
 * (128 + its number) instead runs them, so an interrupted run leaves nothing behind. Only real signals:
 * node passes their name to listeners, a test's `process.emit('SIGTERM')` (of the code under test) does not.
 *
 * The same when only the parent is killed (`kill -TERM` of npx or of mocha's wrapper, which runs the
 * tests in a child of its own for node-option): the orphaned run would go on unseen, so it hangs up too.
 */
import { constants } from 'node:os';

for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(name, (received?: string) => {
    if (received === name) process.exit(128 + constants.signals[name]);
  });

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(128 + constants.signals.SIGHUP);
}, 500).unref();
