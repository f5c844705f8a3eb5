/**
 * Bounds on a target's commands, whatever transport reaches it. The transport kills a command at its
 * `timeoutMs`; a target that has not even answered that `graceMs` later has stopped answering (a cut
 * link, a hung sshd). From then on every command on it fails at once, so that a deployment gives the
 * target up within one bound instead of waiting one more bound per rollback step.
 */
import type { Duplex } from 'node:stream';
import { TransportError, type ExecOptions, type ExecResult, type Transport } from './transport.ts';
import type { Argv } from '../../renderers/argv.ts';

/** The bounds of one target's transport. */
export interface TransportBounds {
  /** The target's name, for errors. */
  target: string;
  /** The bound of a command that names none. */
  defaultMs: number;
  /** How long after a command's bound the target may take to report it killed. */
  graceMs: number;
}

/** A transport whose every command ends within its bound, and that gives a silent target up. */
export class BoundedTransport implements Transport {
  private lostReason: string | undefined;

  constructor(
    private readonly inner: Transport,
    private readonly bounds: TransportBounds,
  ) {}

  get address(): string {
    return this.inner.address;
  }

  get roundTrips(): number {
    return this.inner.roundTrips;
  }

  /** Why the target was given up (it stopped answering, or the connection was lost); unset while it answers. */
  get lost(): string | undefined {
    return this.lostReason;
  }

  async exec(argv: Argv, options: ExecOptions = {}): Promise<ExecResult> {
    this.failIfLost();
    const timeoutMs = options.timeoutMs ?? this.bounds.defaultMs;
    try {
      return await within(
        this.inner.exec(argv, { ...options, timeoutMs }),
        timeoutMs + this.bounds.graceMs,
        () => `${this.address}: no answer within ${seconds(timeoutMs)}`,
      );
    } catch (error) {
      this.noteLoss(error);
      throw error instanceof TimedOut ? new TransportError(this.bounds.target, error.message) : error;
    }
  }

  async connect(host: string, port: number): Promise<Duplex> {
    this.failIfLost();
    try {
      return await this.inner.connect(host, port);
    } catch (error) {
      this.noteLoss(error);
      throw error;
    }
  }

  /** Closes the connection, waiting at most `graceMs` for a target that does not answer. */
  async close(): Promise<void> {
    await within(this.inner.close(), this.bounds.graceMs, () => 'close').catch(() => undefined);
  }

  private failIfLost(): void {
    if (this.lostReason !== undefined)
      throw new TransportError(this.bounds.target, `${this.lostReason} (given up)`);
  }

  private noteLoss(error: unknown): void {
    if (error instanceof TimedOut) this.lostReason ??= error.message;
    else if (error instanceof TransportError) {
      const prefix = `${this.bounds.target}: `;
      this.lostReason ??= error.message.startsWith(prefix)
        ? error.message.slice(prefix.length)
        : error.message;
    }
  }
}

/** Opens a transport, or fails with TransportError after `timeoutMs` (a late connection is closed). */
export async function openWithin(
  open: Promise<Transport>,
  timeoutMs: number,
  target: string,
): Promise<Transport> {
  try {
    return await within(open, timeoutMs, () => `no connection within ${seconds(timeoutMs)}`);
  } catch (error) {
    if (!(error instanceof TimedOut)) throw error;
    void open.then((late) => late.close()).catch(() => undefined);
    throw new TransportError(target, error.message);
  }
}

/** A bound that passed. */
class TimedOut extends Error {
  readonly code = 'E_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'TimedOut';
  }
}

/** `promise`, or a TimedOut rejection after `ms` (the promise's own late failure is ignored). */
export function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimedOut(message())), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
