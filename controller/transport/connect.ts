/**
 * SSH credentials, and the SSH transport's factory: it opens a connection to a `transport: ssh` target
 * with the key and known_hosts drover was given (a key from a file or the ssh-agent; never logged).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SshTarget } from '../core/models/types.ts';
import { connectSsh, readPrivateKey } from './ssh.ts';
import type { Transport } from './transport.ts';

/** SSH credentials: a private key file or an ssh-agent, and a known_hosts file. */
export interface SshCredentials {
  identity?: string;
  knownHosts?: string;
  agent?: string;
}

/** The SSH options of the verbs that reach targets: a private key file and a known_hosts file. */
export interface SshOptions {
  identity?: string;
  knownHosts?: string;
}

/** Credentials from options, else the environment (DROVER_SSH_KEY, SSH_AUTH_SOCK), else ~/.ssh. */
export function sshCredentials(options: SshOptions): SshCredentials {
  const ssh = join(homedir(), '.ssh');
  const identity =
    options.identity ??
    process.env.DROVER_SSH_KEY ??
    (process.env.SSH_AUTH_SOCK
      ? undefined
      : ['id_ed25519', 'id_rsa'].map((k) => join(ssh, k)).find(existsSync));
  const credentials: SshCredentials = {};
  if (identity !== undefined) credentials.identity = identity;
  if (process.env.SSH_AUTH_SOCK !== undefined) credentials.agent = process.env.SSH_AUTH_SOCK;
  const knownHosts = options.knownHosts ?? process.env.DROVER_KNOWN_HOSTS ?? join(ssh, 'known_hosts');
  if (existsSync(knownHosts) || options.knownHosts !== undefined) credentials.knownHosts = knownHosts;
  return credentials;
}

/** The files each credentials object names, read once (a deployment opens many targets). */
const loaded = new WeakMap<SshCredentials, { privateKey?: Buffer; knownHosts?: string }>();

/** Opens an SSH transport to a target with these credentials. */
export async function connectSshTarget(target: SshTarget, credentials: SshCredentials): Promise<Transport> {
  let files = loaded.get(credentials);
  if (!files) loaded.set(credentials, (files = {}));
  if (credentials.identity !== undefined) files.privateKey ??= readPrivateKey(credentials.identity);
  if (credentials.knownHosts !== undefined) {
    files.knownHosts ??= existsSync(credentials.knownHosts)
      ? readFileSync(credentials.knownHosts, 'utf8')
      : '';
  }
  const { privateKey, knownHosts } = files;
  if (!privateKey && !credentials.agent) {
    throw new Error(
      `${target.name}: no SSH key to connect with (pass --identity FILE, set DROVER_SSH_KEY, or run an ssh-agent)`,
    );
  }
  return connectSsh({
    target: target.name,
    host: target.hostname,
    port: target.port,
    user: target.user,
    ...(target.hostKey !== undefined ? { hostKey: target.hostKey } : {}),
    ...(knownHosts !== undefined ? { knownHosts } : {}),
    ...(privateKey ? { privateKey } : {}),
    ...(credentials.agent !== undefined && !privateKey ? { agent: credentials.agent } : {}),
  });
}
