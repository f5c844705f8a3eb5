/**
 * The structured log drover writes: pino's shape, a static message and the details in fields. The
 * controller logs JSON through pino; the command line prints the message for people (consoleLog).
 */

/** Where drover's progress, warnings and errors go. */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Progress for people: one line per step on stdout, warnings and errors on stderr. */
export const consoleLog: Log = {
  info: (_fields, message) => process.stdout.write(`  ${message}\n`),
  warn: (_fields, message) => process.stderr.write(`drover: ${message}\n`),
  error: (_fields, message) => process.stderr.write(`drover: ${message}\n`),
};

/** A log that drops everything (tests, benchmarks). */
export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
