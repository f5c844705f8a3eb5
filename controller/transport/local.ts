/** The local transport: commands are child processes of drover, on the machine it runs on. */
import { spawn } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { feedInput, gatherOutput, type ExecOptions, type ExecResult, type Transport } from './transport.ts';
import type { Argv } from '../../renderers/argv.ts';

/**
 * The environment of every command the local transport runs: a PATH, HOME and LANG, never drover's own
 * variables (tokens, keys, the agent socket). What a unit declares reaches it through its launcher.
 */
export function cleanEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    PATH: env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: env.HOME ?? '/',
    LANG: env.LANG ?? 'C.UTF-8',
  };
}

/** Runs commands on this machine. */
export class LocalTransport implements Transport {
  readonly address = 'local';
  roundTrips = 0;

  exec(argv: Argv, options: ExecOptions = {}): Promise<ExecResult> {
    this.roundTrips++;
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: cleanEnvironment(),
      });
      const finish = gatherOutput(child.stdout, child.stderr, options, () => child.kill('SIGKILL'));
      child.stdin.on('error', () => undefined); // a command that does not read its input
      child.on('error', (error) => {
        finish(1);
        reject(error);
      });
      child.on('close', (code, signal) => resolve(finish(code ?? (signal ? 128 : 1))));
      feedInput(child.stdin, options.input);
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
