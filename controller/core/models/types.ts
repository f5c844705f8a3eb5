/**
 * The models after loading: every default filled in, every name checked, every reference resolved,
 * each entity remembering where in which file it was written.
 */
import type { Service } from '../../../schema/generated/services.ts';
import type { Target } from '../../../schema/generated/infrastructure.ts';
import type { SourceRef } from './yaml-source.ts';

/** Process managers drover can render for; 'process' means a self-daemonising program with no manager. */
export type ProcessManager = NonNullable<Target['processManager']>;

/** The built-in container kinds every target offers. */
export const BUILTIN_CONTAINERS = ['process', 'package'] as const;

/** A service as written, plus its name, its container kind and where it was defined. */
export interface ServiceModel {
  name: string;
  /** Container kind (defaults to 'process'). */
  type: string;
  spec: Service;
  ref: SourceRef;
}

/** A target with every default filled in. */
export interface TargetModel {
  name: string;
  hostname: string;
  port: number;
  user: string;
  hostKey?: string;
  /** Everything runs as the connecting user: no accounts created, no user switching. */
  unprivileged: boolean;
  transport: 'ssh' | 'local';
  processManager: ProcessManager;
  stateDir: string;
  system?: string;
  numOfCores: number;
  properties: Record<string, string | number | boolean>;
  containers: Record<string, Record<string, string | number | boolean>>;
  ref: SourceRef;
}

/** One place a service runs: a target and the container on it. */
export interface Placement {
  target: string;
  container: string;
  ref: SourceRef;
}

/** An ID pool with defaults filled in. A following pool copies its leader's range and scope. */
export interface PoolModel {
  name: string;
  min: number;
  max: number;
  step: number;
  scope: 'global' | 'machine';
  follows?: string;
  ref: SourceRef;
}

/** Everything in a models repository, validated. Maps iterate in sorted key order. */
export interface Models {
  services: ReadonlyMap<string, ServiceModel>;
  targets: ReadonlyMap<string, TargetModel>;
  /** Service to its placements; only services placed somewhere. */
  distribution: ReadonlyMap<string, readonly Placement[]>;
  /** False when the repository has no distribution.yaml (then only global pools can be assigned). */
  hasDistribution: boolean;
  pools: ReadonlyMap<string, PoolModel>;
  /** Text of every template file a service refers to, by repository path. */
  templateFiles: ReadonlyMap<string, string>;
  /** Content digest of every package folder a service ships, by repository path. */
  packageDigests: ReadonlyMap<string, string>;
}
