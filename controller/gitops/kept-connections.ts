/**
 * Connections kept open between probes, one per target: a probe every 30 s then costs one command, not
 * an SSH handshake (the controller's idle CPU). A connection that fails or is given up is dropped, and
 * the next probe connects again; a target whose address changed gets a new one.
 */
import type { TargetModel } from '../core/models/types.ts';
import type { BoundedTransport } from '../transport/bounded.ts';

/** Where a target is reached: a changed address, user or key needs a new connection. */
function addressOf(target: TargetModel): string {
  return target.transport === 'ssh'
    ? JSON.stringify([target.hostname, target.port, target.user, target.hostKey ?? ''])
    : 'local';
}

/** One open connection per target, made on first use. */
export class KeptConnections {
  private readonly open = new Map<string, { address: string; transport: Promise<BoundedTransport> }>();

  constructor(private readonly connect: (target: TargetModel) => Promise<BoundedTransport>) {}

  /** Runs `work` on the target's connection; a failure drops the connection (and is rethrown). */
  async use<T>(target: TargetModel, work: (transport: BoundedTransport) => Promise<T>): Promise<T> {
    const address = addressOf(target);
    let kept = this.open.get(target.name);
    if (kept && kept.address !== address) {
      this.drop(target.name);
      kept = undefined;
    }
    if (!kept) {
      kept = { address, transport: this.connect(target) };
      this.open.set(target.name, kept);
    }
    try {
      const transport = await kept.transport;
      if (transport.lost !== undefined) throw new Error(transport.lost);
      return await work(transport);
    } catch (error) {
      if (this.open.get(target.name) === kept) this.drop(target.name);
      throw error;
    }
  }

  /** Closes the connections of targets not in `names` (gone from the models). */
  keepOnly(names: ReadonlySet<string>): void {
    for (const name of this.open.keys()) if (!names.has(name)) this.drop(name);
  }

  /** Closes every connection. */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((k) => k.transport.then((t) => t.close()).catch(() => undefined)));
  }

  private drop(name: string): void {
    const kept = this.open.get(name);
    this.open.delete(name);
    void kept?.transport.then((t) => t.close()).catch(() => undefined);
  }
}
