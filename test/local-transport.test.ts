/** The local transport runs commands on the controller's own host: with a clean environment. */
import assert from 'node:assert/strict';
import { LocalTransport } from '../controller/transport/local.ts';

describe('the local transport', () => {
  it("gives commands PATH, HOME and LANG only: never drover's variables or tokens", async () => {
    process.env.DROVER_GIT_TOKEN = 'token-that-must-not-leak';
    process.env.DROVER_SSH_KEY = '/root/.ssh/id_secret';
    const transport = new LocalTransport();

    const result = await transport.exec(['env']);

    delete process.env.DROVER_GIT_TOKEN;
    delete process.env.DROVER_SSH_KEY;
    const names = result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0]);
    assert.deepEqual(names.sort(), ['HOME', 'LANG', 'PATH']);
    assert.doesNotMatch(result.stdout, /token-that-must-not-leak|id_secret/);
  });
});
