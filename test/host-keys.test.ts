import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { fingerprint, keyBlob, knownHostKeys } from '../controller/transport/host-keys.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBq3FJ8bm4A8XvL4xSU1uC7jmv6BvQu0bWZlQ5OaDvDr';
const THIRD = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFsghc7s9pWrAdXpiGoaNdrV9d6qNe20bqsRu5X0RrkS';
const keysFor = (knownHosts: string, host: string, port: number) =>
  knownHostKeys(knownHosts, host, port).keys;

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
      `@revoked 10.0.0.9 ${THIRD}`,
    ].join('\n');

    assert.deepEqual(keysFor(knownHosts, '10.0.0.1', 22), [keyBlob(KEY)]);
    assert.deepEqual(keysFor(knownHosts, 'web1', 22), [keyBlob(KEY)]);
    assert.deepEqual(keysFor(knownHosts, '10.0.0.1', 2222), [keyBlob(OTHER)]);
    assert.deepEqual(keysFor(knownHosts, '10.0.0.2', 2222), [keyBlob(OTHER)]);
    assert.deepEqual(keysFor(knownHosts, '10.0.0.2', 22), []);
    assert.deepEqual(keysFor(knownHosts, '10.0.0.9', 22), []);
  });

  it('never accepts a key marked @revoked, for any host, even when a line lists it', () => {
    const knownHosts = [`10.0.0.1 ${KEY}`, `10.0.0.1 ${OTHER}`, `@revoked * ${KEY}`].join('\n');

    const known = knownHostKeys(knownHosts, '10.0.0.1', 22);

    assert.deepEqual(known.keys, [keyBlob(OTHER)]);
    assert.deepEqual(known.revoked, [keyBlob(KEY)]);
  });

  it('notes a @cert-authority line for the host (host certificates are not supported)', () => {
    const known = knownHostKeys(`@cert-authority *.example.com ${KEY}`, 'web.example.com', 22);

    assert.deepEqual([known.keys, known.certificateAuthority], [[], true]);
  });
});
