import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { fingerprint, keyBlob, knownHostKeys } from '../controller/transport/host-keys.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBq3FJ8bm4A8XvL4xSU1uC7jmv6BvQu0bWZlQ5OaDvDr';

describe('host keys', () => {
  it('fingerprints a key as OpenSSH does (SHA256:, base64 without padding)', () => {
    assert.match(fingerprint(keyBlob(KEY)!), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('finds the keys known_hosts lists for a host, with [host]:port for other ports and hashed names', () => {
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[10.0.0.2]:2222').digest('base64')}`;
    const knownHosts = [
      '# comment',
      `10.0.0.1,web1 ${KEY}`,
      `[10.0.0.1]:2222 ${OTHER}`,
      `${hashed} ${OTHER}`,
      `@revoked 10.0.0.3 ${KEY}`,
    ].join('\n');

    assert.deepEqual(knownHostKeys(knownHosts, '10.0.0.1', 22), [keyBlob(KEY)]);
    assert.deepEqual(knownHostKeys(knownHosts, 'web1', 22), [keyBlob(KEY)]);
    assert.deepEqual(knownHostKeys(knownHosts, '10.0.0.1', 2222), [keyBlob(OTHER)]);
    assert.deepEqual(knownHostKeys(knownHosts, '10.0.0.2', 2222), [keyBlob(OTHER)]);
    assert.deepEqual(knownHostKeys(knownHosts, '10.0.0.2', 22), []);
    assert.deepEqual(knownHostKeys(knownHosts, '10.0.0.3', 22), []);
  });
});
