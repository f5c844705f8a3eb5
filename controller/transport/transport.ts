/**
 * How drover reaches a target: run an argv there (optionally feeding it input), and open a TCP
 * connection from the target's side (for health checks). SSH and local child processes implement it.
 */
import { Readable, type Duplex, type Writable } from 'node:stream';
import type { Argv } from '../../renderers/argv.ts';

/** What a command did. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when the command was killed at its `timeoutMs` (then `code` is 124). */
  timedOut?: boolean;
}

/** Options of one command. */
export interface ExecOptions {
  /** Bytes fed to the command's standard input (then closed), or a stream piped there. */
  input?: Buffer | string | Readable;
  /** Where the command's standard output goes, instead of into the result (which then has none). */
  stdout?: Writable;
  /** Kills the command after this long (exit code 124, as timeout(1)). */
  timeoutMs?: number;
}

/** A connection to one target. */
export interface Transport {
  /** Where it goes, for messages: `user@host:port`, or `local`. */
  readonly address: string;
  /** Runs an argv on the target. No shell on drover's side; remotely every word is quoted for sh. */
  exec(argv: Argv, options?: ExecOptions): Promise<ExecResult>;
  /** A TCP connection to host:port as seen from the target. */
  connect(host: string, port: number): Promise<Duplex>;
  /** Commands run so far (each is one round trip). */
  readonly roundTrips: number;
  close(): Promise<void>;
}

/** Feeds `input` to a command's standard input: written and closed, or piped from a stream. */
export function feedInput(stdin: Writable, input: ExecOptions['input']): void {
  if (input instanceof Readable) input.pipe(stdin);
  else stdin.end(input);
}

/** A target could not be reached, or refused us; nothing was run there. */
export class TransportError extends Error {
  readonly code = 'E_TRANSPORT';
  constructor(
    readonly target: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${target}: ${message}`, options);
    this.name = 'TransportError';
  }
}

/**
 * Gathers a running command's output, ending it with `kill` after `timeoutMs`. Call the returned
 * function with the exit code once the command is gone: it stops the timer and makes the result
 * (exit 124 after a timeout, as timeout(1)).
 */
export function gatherOutput(
  stdout: Readable,
  stderr: Readable,
  options: ExecOptions,
  kill: () => void,
): (code: number) => ExecResult {
  const { timeoutMs } = options;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  if (options.stdout !== undefined) stdout.pipe(options.stdout);
  else stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          kill();
        }, timeoutMs);
  return (code) => {
    clearTimeout(timer);
    const result: ExecResult = {
      code: timedOut ? 124 : code,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    };
    if (timedOut) result.timedOut = true;
    return result;
  };
}
