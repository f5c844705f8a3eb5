/**
 * What drover records of command output: secrets redacted (the git token, private keys, URL passwords,
 * values of secret-looking variables), then capped to the last 20 lines and 4 KiB.
 */
import assert from 'node:assert/strict';
import { capLines, redact, Redactor } from '../controller/redact.ts';

describe('redacting and capping recorded output', () => {
  it('redacts the values of variables whose names look secret, in NAME=value and NAME: value forms', () => {
    const text = [
      'DROVER_GIT_TOKEN=ghp_abc other=1',
      'export API_KEY="a b c" next',
      '{"db_password": "hunter2", "user": "bob"}',
      'client_secret: s3cr3t value',
    ].join('\n');

    assert.equal(
      redact(text),
      [
        'DROVER_GIT_TOKEN=[redacted] other=1',
        'export API_KEY=[redacted] next',
        '{"db_password": [redacted], "user": "bob"}',
        'client_secret: [redacted]',
      ].join('\n'),
    );
  });

  it('keeps paths that merely contain such a word', () => {
    const text = 'open /etc/ssh/ssh_host_ed25519_key: No such file or directory';

    assert.equal(redact(text), text);
  });

  it('redacts private-key blocks, also one whose start was cut off, and URL passwords', () => {
    const body = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
    const block = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n${body}\n-----END OPENSSH PRIVATE KEY-----`;

    assert.equal(redact(`before\n${block}\nafter`), 'before\n[redacted] private key\nafter');
    assert.equal(redact(`${body}\n-----END RSA PRIVATE KEY-----`), '[redacted] private key');
    assert.equal(
      redact('fetch https://bob:pa55@git.example/m.git'),
      'fetch https://bob:[redacted]@git.example/m.git',
    );
  });

  it('redacts the given secrets wherever they appear, before cutting, so that no part of one is left', () => {
    const token = 'tok_0123456789abcdef';
    const redactor = new Redactor([token, '  ', undefined]);
    // The token straddles the 4 KiB cut of a single long line.
    const line = `${'x'.repeat(5000)}${token}${'y'.repeat(4080)}`;

    const [kept] = redactor.output(line);

    assert.ok(!kept!.includes(token.slice(-6)), 'no tail of the token');
    assert.ok(Buffer.byteLength(kept!) <= 4096);
    assert.equal(redactor.text(`failed: ${token}`), 'failed: [redacted]');
  });

  it('keeps the last 20 lines, at most 4 KiB of them', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `${i} ${'z'.repeat(300)}`);

    const kept = capLines(lines);

    assert.equal(kept.at(-1), lines.at(-1));
    assert.ok(kept.length <= 20);
    assert.ok(Buffer.byteLength(kept.join('\n')) <= 4096);
    assert.deepEqual(capLines(['a', '', 'b']), ['a', '', 'b']);
  });
});
