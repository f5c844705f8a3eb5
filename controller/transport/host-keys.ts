/**
 * Host key checking: the key a target offers must be the one pinned in the models (`hostKey`) or listed
 * for it in a known_hosts file. There is no trust on first use: an unknown key is refused, with the key
 * offered so that it can be checked and pinned.
 */
import { createHash, createHmac } from 'node:crypto';

/** OpenSSH's fingerprint of a public key blob: SHA256:<base64, unpadded>. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The blob of a public key written as `type base64 [comment]`, or undefined when malformed. */
export function keyBlob(publicKey: string): Buffer | undefined {
  const [, data] = publicKey.trim().split(/\s+/);
  if (!data || !/^[A-Za-z0-9+/]+=*$/.test(data)) return undefined;
  return Buffer.from(data, 'base64');
}

/** The key type named inside a blob (ssh-ed25519, ssh-rsa, ...). */
export function keyType(blob: Buffer): string {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** What a known_hosts file says about one host. */
export interface KnownHost {
  /** The keys it lists for the host. */
  keys: Buffer[];
  /** Keys marked @revoked: never accepted, for any host. */
  revoked: Buffer[];
  /** Whether a @cert-authority line matches the host (host certificates, which drover does not check). */
  certificateAuthority: boolean;
}

/** The keys a known_hosts file lists for host:port (hashed names included), and the revoked keys. */
export function knownHostKeys(knownHosts: string, host: string, port: number): KnownHost {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const known: KnownHost = { keys: [], revoked: [], certificateAuthority: false };
  for (const raw of knownHosts.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hosts, type, data] = fields;
    if (!hosts || !type || !data) continue;
    const blob = keyBlob(`${type} ${data}`);
    if (!blob) continue;
    if (marker === '@revoked') {
      known.revoked.push(blob);
      continue;
    }
    if (!hosts.split(',').some((pattern) => hostMatches(pattern, name))) continue;
    if (marker === '@cert-authority') known.certificateAuthority = true;
    else if (marker === undefined) known.keys.push(blob);
  }
  known.keys = known.keys.filter((k) => !known.revoked.some((r) => r.equals(k)));
  return known;
}

function hostMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [salt, hash] = pattern.slice(3).split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  if (pattern.startsWith('!')) return false;
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  return regex.test(name);
}
