/**
 * The SSH transport (ssh2): one connection per target, reused for every command, with Nagle's algorithm
 * off (a command is a few small packets). The host key must match the pinned or known one.
 */
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { fingerprint, keyBlob, keyType, knownHostKeys } from './host-keys.ts';
import {
  feedInput,
  gatherOutput,
  TransportError,
  type ExecOptions,
  type ExecResult,
  type Transport,
} from './transport.ts';
import type { Argv } from '../../renderers/argv.ts';
import { shellCommand } from '../../renderers/sh-quote.ts';

const { Client } = ssh2;

/** How long closing waits for the target to confirm before the connection is dropped. */
const CLOSE_TIMEOUT_MS = 2_000;

/** Where a target is and how to prove who we are and who it is. */
export interface SshOptions {
  target: string;
  host: string;
  port: number;
  user: string;
  /** The target's pinned public key (`type base64`), from the models. */
  hostKey?: string;
  /** Contents of a known_hosts file, consulted when no key is pinned. */
  knownHosts?: string;
  /** An OpenSSH private key (contents); else the ssh-agent at `agent`. */
  privateKey?: Buffer;
  agent?: string;
  connectTimeoutMs?: number;
}

/** Connects, checking the host key before anything is sent. */
export function connectSsh(options: SshOptions): Promise<SshTransport> {
  const client = new Client();
  const address = `${options.user}@${options.host}:${options.port}`;
  let refusal: string | undefined;
  return new Promise((resolve, reject) => {
    client.once('ready', () => {
      client.setNoDelay(true);
      resolve(new SshTransport(client, options.target, address));
    });
    // ssh2 may report more than one error for a failed handshake: the first one settles.
    client.on('error', (error: Error) => {
      client.end();
      reject(new TransportError(options.target, refusal ?? `cannot connect to ${address}: ${error.message}`));
    });
    client.connect({
      host: options.host,
      port: options.port,
      username: options.user,
      privateKey: options.privateKey,
      agent: options.agent,
      readyTimeout: options.connectTimeoutMs ?? 10_000,
      // A dead link is noticed within about 6 s, and every command in flight fails.
      keepaliveInterval: 2_000,
      keepaliveCountMax: 3,
      hostVerifier: (offered: Buffer) => {
        refusal = checkHostKey(options, address, offered);
        return refusal === undefined;
      },
    });
  });
}

/** Why an offered host key is refused, or undefined when it is the expected one. */
function checkHostKey(options: SshOptions, address: string, offered: Buffer): string | undefined {
  const offeredText = `${keyType(offered)} ${fingerprint(offered)}`;
  const known = knownHostKeys(options.knownHosts ?? '', options.host, options.port);
  if (known.revoked.some((k) => k.equals(offered))) {
    return `host key at ${address} is revoked in known_hosts (offered ${offeredText}); refusing to connect`;
  }
  if (options.hostKey !== undefined) {
    const pinned = keyBlob(options.hostKey);
    if (pinned?.equals(offered)) return undefined;
    const expected = pinned ? `${keyType(pinned)} ${fingerprint(pinned)}` : 'a malformed key';
    return `host key mismatch at ${address}: expected ${expected} (hostKey in the models), offered ${offeredText}; refusing to connect`;
  }
  if (known.keys.some((k) => k.equals(offered))) return undefined;
  if (known.certificateAuthority && known.keys.length === 0) {
    return `known_hosts names a certificate authority for ${address}: host certificates are not supported; pin the host key as hostKey, or list it in known_hosts`;
  }
  if (known.keys.length > 0) {
    const expected = known.keys.map((k) => `${keyType(k)} ${fingerprint(k)}`).join(' or ');
    return `host key mismatch at ${address}: expected ${expected} (known_hosts), offered ${offeredText}; refusing to connect`;
  }
  return (
    `unknown host key at ${address}: offered ${offeredText}; pin it as hostKey: "${keyType(offered)} ` +
    `${offered.toString('base64')}" once you have checked it, or add it to known_hosts`
  );
}

/** Commands over one SSH connection, each in its own channel. */
export class SshTransport implements Transport {
  roundTrips = 0;
  /** Why the connection ended, once it has. */
  private lost: string | undefined;
  private readonly pending = new Set<(error: Error) => void>();

  constructor(
    private readonly client: InstanceType<typeof Client>,
    private readonly target: string,
    readonly address: string,
  ) {
    const onLost = (reason: string) => {
      this.lost ??= reason;
      for (const fail of this.pending) fail(new TransportError(target, `${address}: ${this.lost}`));
      this.pending.clear();
    };
    client.on('error', (error: Error) => onLost(`connection lost (${error.message})`));
    client.on('close', () => onLost('connection closed'));
  }

  exec(argv: Argv, options: ExecOptions = {}): Promise<ExecResult> {
    this.roundTrips++;
    if (this.lost !== undefined)
      return Promise.reject(new TransportError(this.target, `${this.address}: ${this.lost}`));
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      this.client.exec(shellCommand(argv), (error, channel) => {
        if (error) {
          reject(new TransportError(this.target, `${this.address}: ${error.message}`, { cause: error }));
          return;
        }
        const finish = gatherOutput(channel, channel.stderr, options, () => channel.close());
        channel.on('close', (code: number | null, signal?: string) => {
          this.pending.delete(reject);
          resolve(finish(code ?? (signal ? 128 : 255)));
        });
        feedInput(channel, options.input);
      });
    });
  }

  connect(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
        if (error) reject(error);
        else resolve(channel);
      });
    });
  }

  close(): Promise<void> {
    if (this.lost !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      // A target that stopped answering never confirms the end: drop the connection after a while.
      const timer = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, CLOSE_TIMEOUT_MS);
      this.client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.end();
    });
  }
}

/** Reads a private key file; a clear error names the file (never its contents). */
export function readPrivateKey(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(
      `cannot read the SSH key ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      {
        cause: error,
      },
    );
  }
}
