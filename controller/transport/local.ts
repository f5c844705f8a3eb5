/** The local transport: commands are child processes of drover, on the machine it runs on. */
import { spawn } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Argv } from '../../renderers/types.ts';
import { gatherOutput, type ExecOptions, type ExecResult, type Transport } from './transport.ts';

/** Runs commands on this machine. */
export class LocalTransport implements Transport {
  readonly address = 'local';
  roundTrips = 0;

  exec(argv: Argv, options: ExecOptions = {}): Promise<ExecResult> {
    this.roundTrips++;
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      const finish = gatherOutput(child.stdout, child.stderr, options.timeoutMs, () => child.kill('SIGKILL'));
      child.stdin.on('error', () => undefined); // a command that does not read its input
      child.on('error', (error) => {
        finish(1);
        reject(error);
      });
      child.on('close', (code, signal) => resolve(finish(code ?? (signal ? 128 : 1))));
      child.stdin.end(options.input);
    });
  }

  connect(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host, port });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
