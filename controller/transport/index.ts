/**
 * The explicit registry of transports: one factory per kind of target (`transport` in infrastructure.yaml),
 * each given the target, narrowed to its kind, and the credentials drover was given.
 */
import type { TargetModel, TransportName } from '../core/models/types.ts';
import { connectSshTarget, type SshCredentials } from './connect.ts';
import { LocalTransport } from './local.ts';
import type { Transport } from './transport.ts';

/** Opens a transport to a target of one kind. */
export type TransportFactory<K extends TransportName> = (
  target: Extract<TargetModel, { transport: K }>,
  credentials: SshCredentials,
) => Promise<Transport>;

/**
 * Every transport drover has, by name. A typed record rather than a Map: TypeScript then requires one
 * factory for each kind of TargetModel, and gives each factory its own kind of target.
 */
export const transports: { readonly [K in TransportName]: TransportFactory<K> } = {
  ssh: connectSshTarget,
  local: () => Promise.resolve(new LocalTransport()),
};

/** The names a target may give as its `transport`, in registry order. */
export const transportNames = Object.keys(transports) as TransportName[];

/** Opens a transport to a target with these credentials, through the factory of its kind. */
export function connectTarget(target: TargetModel, credentials: SshCredentials): Promise<Transport> {
  switch (target.transport) {
    case 'ssh':
      return transports.ssh(target, credentials);
    case 'local':
      return transports.local(target, credentials);
  }
}

/** Returns how to open a transport to a target with these credentials. */
export function targetConnector(credentials: SshCredentials): (target: TargetModel) => Promise<Transport> {
  return (target) => connectTarget(target, credentials);
}
