/**
 * Health checks, run as seen from the target: tcp and http through a connection the transport opens from
 * the target's side (over SSH, a forwarded channel: nothing is needed on the target), a command on the
 * target. Retried until the check's timeout.
 */
import { within } from '../transport/bounded.ts';
import { request } from 'node:http';
import type { ResolvedHealthCheck } from '../../renderers/types.ts';
import { Redactor } from '../redact.ts';
import { TransportError, type Transport } from '../transport/transport.ts';

const RETRY_MS = 200;

/**
 * Waits until the check passes; resolves to undefined, or to why it did not pass in time (what a check
 * command printed is redacted). A target that can no longer be reached fails it at once (TransportError).
 */
export async function waitHealthy(
  transport: Transport,
  check: ResolvedHealthCheck,
  sleep: (ms: number) => Promise<void>,
  now: () => number,
  redactor = new Redactor(),
): Promise<string | undefined> {
  const deadline = now() + check.timeoutMs;
  for (;;) {
    const problem = await probe(transport, check, Math.max(500, deadline - now()), redactor);
    if (problem === undefined) return undefined;
    if (now() >= deadline) return `health check failed after ${check.timeoutMs / 1000}s: ${problem}`;
    await sleep(RETRY_MS);
  }
}

/** One attempt; undefined when healthy, else what went wrong. */
async function probe(
  transport: Transport,
  check: ResolvedHealthCheck,
  timeoutMs: number,
  redactor: Redactor,
): Promise<string | undefined> {
  try {
    if (check.tcp) {
      const socket = await within(
        transport.connect(check.tcp.host, check.tcp.port),
        timeoutMs,
        noAnswer(timeoutMs),
      );
      socket.destroy();
      return undefined;
    }
    if (check.http !== undefined) return await httpProbe(transport, check.http, timeoutMs);
    if (check.command) {
      const result = await transport.exec(check.command, { timeoutMs });
      if (result.code === 0) return undefined;
      const output = redactor.output(`${result.stdout}${result.stderr}`).slice(-3).join(' / ');
      return redactor.text(`${check.command.join(' ')} exited ${result.code}${output ? `: ${output}` : ''}`);
    }
    return undefined;
  } catch (error) {
    if (error instanceof TransportError) throw error;
    const where = check.tcp ? `${check.tcp.host}:${check.tcp.port}` : (check.http ?? '');
    return `${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function httpProbe(transport: Transport, url: string, timeoutMs: number): Promise<string | undefined> {
  const target = new URL(url);
  const port = Number(target.port || 80);
  const socket = await within(transport.connect(target.hostname, port), timeoutMs, noAnswer(timeoutMs));
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        createConnection: () => socket,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve(status >= 200 && status < 400 ? undefined : `${url} answered ${status}`);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve(`${url}: ${error.message}`));
    req.end();
  });
}

function noAnswer(ms: number): () => string {
  return () => `no answer within ${ms} ms`;
}
