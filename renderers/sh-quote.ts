/**
 * Quoting for POSIX sh. Every value is written single-quoted, where sh expands nothing, so it reaches the
 * program byte for byte; plain words stay as they are, for readable scripts.
 */
import type { Argv } from './argv.ts';

/** Quotes a value for POSIX sh; plain words stay as they are. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** An argv as one sh command line. */
export function shellCommand(argv: Argv): string {
  return argv.map(shellQuote).join(' ');
}
