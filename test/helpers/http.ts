/** HTTP requests from tests, as a user's client makes them: one GET, bounded in time. */
import { request } from 'node:http';

/** A GET's status and body. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** GETs `path` from `host:port` (with a Host header when given), within `timeoutMs`. */
export function httpGet(
  host: string,
  port: number,
  path = '/',
  options: { hostHeader?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = options.hostHeader !== undefined ? { host: options.hostHeader } : {};
    const req = request({ host, port, path, headers, timeout: options.timeoutMs ?? 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** The body of a GET that must answer 200; rejects otherwise. */
export async function httpBody(...args: Parameters<typeof httpGet>): Promise<string> {
  const answer = await httpGet(...args);
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
  return answer.body;
}
