/**
 * The models after loading: every default filled in, every name checked, every reference resolved,
 * each entity remembering where in which file it was written.
 */
import type { IdPool } from '../ids.ts';
import type { ProcessManager } from '../../../renderers/index.ts';
import type { Service } from '../../../schema/generated/services.ts';
import type { Target } from '../../../schema/generated/infrastructure.ts';
import type { CapturedTarget } from '../../../schema/generated/captured.ts';
import type { SourceRef, YamlPath } from './yaml-source.ts';
import type { Resources } from '../quantities.ts';

/** The built-in container kinds every target offers. */
export const BUILTIN_CONTAINERS = ['process', 'package'] as const;

/** A service as written, plus its name, its container kind and where it was defined. */
export interface ServiceModel {
  name: string;
  /** Container kind (defaults to 'process'). */
  type: string;
  spec: Service;
  ref: SourceRef;
  /** Set for one of the `instances` of a service: which, and where its overrides are written. */
  instance?: { of: string; ref: SourceRef; overrides: Readonly<Record<string, unknown>> };
}

/**
 * Where a field of a service is written: in its instance's overrides when they set it (or replace what
 * holds it), else in the service's definition.
 */
export function serviceField(service: ServiceModel, ...path: YamlPath): SourceRef {
  const instance = service.instance;
  if (instance !== undefined && overrides(instance.overrides, path))
    return { ...instance.ref, path: [...instance.ref.path, ...path] };
  return { ...service.ref, path: [...service.ref.path, ...path] };
}

/** Whether `value` sets the field at `path`, or replaces a value that holds it. */
function overrides(value: unknown, path: YamlPath): boolean {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return true;
    if (!Object.hasOwn(at, key)) return false;
    at = (at as Record<string | number, unknown>)[key];
  }
  return true;
}

/** How drover's own managers come back after a reboot: auto, systemd, sysvinit, cron or none. */
export type BootHookKind = NonNullable<Target['bootHook']>;

/** What every target has, whatever the transport, with every default filled in. */
export interface TargetBase {
  name: string;
  /** The user drover acts as: the SSH login user, or for a local target the user drover runs as. */
  user: string;
  /** Everything runs as the connecting user: no accounts created, no user switching. */
  unprivileged: boolean;
  processManager: ProcessManager;
  stateDir: string;
  /** How drover's own managers come back after a reboot (infrastructure.schema.json, bootHook). */
  bootHook: BootHookKind;
  system?: string;
  numOfCores: number;
  /** What it offers the scheduler's copies (millicores, bytes); a resource it does not declare has no limit. */
  capacity: Partial<Resources>;
  /** The scheduler places no new copies here; with drain, those placed here move. */
  cordoned: boolean;
  drain: boolean;
  properties: Record<string, string | number | boolean>;
  containers: Record<string, Record<string, string | number | boolean>>;
  /** The containers services placed here provide (see provides), by container: the providing service. */
  providers?: Record<string, string>;
  /** What `drover capture` found on it (captured.json), when it was captured. */
  captured?: CapturedTarget;
  ref: SourceRef;
}

/** A target drover reaches over SSH. */
export interface SshTarget extends TargetBase {
  transport: 'ssh';
  hostname: string;
  port: number;
  /** Pinned public host key; without it, the key must be in known_hosts. */
  hostKey?: string;
}

/** The machine drover runs on: commands are its own child processes. */
export interface LocalTarget extends TargetBase {
  transport: 'local';
}

/**
 * A target, by how drover reaches it. Code that reaches a target switches on `transport` (the
 * transport registry, controller/transport/index.ts, has one factory per kind).
 */
export type TargetModel = SshTarget | LocalTarget;

/** The ways drover reaches a target. */
export type TransportName = TargetModel['transport'];

/** One place a service runs: a target and the container on it. */
export interface Placement {
  target: string;
  container: string;
  ref: SourceRef;
}

/** An ID pool with defaults filled in, and where it was written. */
export interface PoolModel extends IdPool {
  /** Which IDs captured in use on the targets it never hands out. */
  skipInUse?: 'uids' | 'gids' | 'ports';
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
