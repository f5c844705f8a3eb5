/**
 * Loads a models repository: YAML syntax, JSON Schema, then every cross-reference (services, targets,
 * containers, pools, paths, dependency cycles). Pure given its RepoReader; collects every problem it finds.
 */
import { suggest } from '../../../schema/suggest.ts';
import { posix } from 'node:path';
import type { Service, ServicesFile } from '../../../schema/generated/services.ts';
import type { CapturedFile } from '../../../schema/generated/captured.ts';
import type { InfrastructureFile, Target } from '../../../schema/generated/infrastructure.ts';
import type {
  DistributionFile,
  Placement as PlacementEntry,
} from '../../../schema/generated/distribution.ts';
import type { IdResourcesFile, Pool } from '../../../schema/generated/idresources.ts';
import {
  IDENTIFIER,
  stringFormatViolation,
  validateAgainstSchema,
  type SchemaName,
} from '../../../schema/index.ts';
import {
  activationModules,
  isActivationModule,
  isProcessManager,
  processManagers,
  rendererOf,
  renderers,
} from '../../../renderers/index.ts';
import { overrideError } from '../../../renderers/values.ts';
import { parseDuration } from '../duration.ts';
import { bytes, millicores } from '../quantities.ts';
import type { HeldCopy, PlacementChange, PlacementsDocument } from '../schedule.ts';
import { scheduleServices, type SchedulingOptions } from './scheduled.ts';
import { compareStrings, fileProblem, type Problem } from '../problems.ts';
import { digestFiles, REFUSED_LINK, type RepoReader } from './repo-reader.ts';
import {
  BUILTIN_CONTAINERS,
  serviceField,
  type Models,
  type Placement,
  type PoolModel,
  type ServiceModel,
  type SshTarget,
  type TargetBase,
  type TargetModel,
} from './types.ts';
import { YamlSource, type SourceRef, type YamlPath } from './yaml-source.ts';

/** The model files drover reads, relative to the repository root. */
export const MODEL_FILES = {
  services: 'services.yaml',
  servicesDir: 'services',
  infrastructure: 'infrastructure.yaml',
  distribution: 'distribution.yaml',
  idresources: 'idresources.yaml',
} as const;

/** What `drover capture` found on the targets: read with the models, written by `drover capture --write`. */
export const CAPTURED_FILE = 'captured.json';

/** What a declared container's `processManager` may name: a process manager, or 'package' (install only). */
const CONTAINER_MANAGERS: readonly string[] = [...processManagers, ...activationModules.keys(), 'package'];

/**
 * Who runs a unit: 'package' in the package container, the target's processManager in the process
 * container, else the container's own processManager, else the service's type (a container kind).
 */
export function managerOf(target: TargetModel, container: string, serviceType: string): string {
  if (container === 'package') return 'package';
  if (container === 'process') return target.processManager;
  const declared = Object.hasOwn(target.containers, container)
    ? target.containers[container]?.processManager
    : undefined;
  return typeof declared === 'string' ? declared : serviceType;
}

/** The parsed YAML files of a repository, to turn a SourceRef into a located problem. */
export class SourceSet {
  private readonly files = new Map<string, YamlSource>();

  add(source: YamlSource): void {
    this.files.set(source.file, source);
  }

  /** A problem at a place in the models. */
  problem(ref: SourceRef, message: string): Problem {
    const source = this.files.get(ref.file);
    if (!source) return { file: ref.file, line: 1, col: 1, message };
    return source.problem(ref.path, message, ref.key);
  }
}

/** What loading produced: the models when there was no problem, and every problem otherwise. */
export interface LoadResult {
  models?: Models;
  problems: Problem[];
  sources: SourceSet;
  /** The scheduler's placements (placements.json), and what changed from the prior ones. */
  placements?: PlacementsDocument;
  placementChanges?: PlacementChange[];
  /** Copies held on lost targets because their state cannot move. */
  heldCopies?: HeldCopy[];
}

interface ParsedFile<T> {
  file: string;
  value: T;
  /** Names (second path segment) of entries with schema violations: known, but not usable. */
  broken: Set<string>;
}

type At = (ref: SourceRef, message: string) => void;

/** What every loading stage shares: the repository, the files parsed so far and the problems found. */
interface LoadContext {
  reader: RepoReader;
  sources: SourceSet;
  problems: Problem[];
  /** Records a problem at a place in the models. */
  at: At;
  /**
   * Model files that exist but could not be used (a syntax error, a link, unreadable): problems that only
   * follow from their absence (an unknown target, service or pool) are not reported.
   */
  unusable: Set<string>;
  /** Every pool named in idresources.yaml, usable or not. */
  declaredPools: Set<string>;
}

/** The entries of one kind: every name declared, usable or not (for unknown names), and the usable models. */
interface Declared<T> {
  names: ReadonlySet<string>;
  models: Map<string, T>;
}

/**
 * Loads and checks every model file of the repository behind `reader`, and places the services the
 * scheduler places (see scheduled.ts), from `scheduling`.
 */
export function loadModels(reader: RepoReader, scheduling: SchedulingOptions = {}): LoadResult {
  const ctx = newLoadContext(reader);
  const services = loadServices(ctx);
  const targets = loadTargets(ctx);
  const pools = loadPools(ctx);
  const fromFile = loadDistribution(ctx, services, targets);
  const scheduled = scheduleServices(
    services.models,
    targets.models,
    fromFile.distribution,
    scheduling,
    ctx.at,
  );
  const placed = {
    distribution: new Map([...fromFile.distribution, ...scheduled.distribution]),
    hasDistribution: fromFile.hasDistribution || scheduled.distribution.size > 0,
  };
  const used = checkServices(ctx, services, targets, pools, placed);
  checkCycles(services.models, ctx.at);
  checkSystemNames(ctx, services.models, targets.models, placed.distribution);

  const { problems, sources } = ctx;
  const models: Models = {
    services: sortedMap(services.models),
    targets: sortedMap(targets.models),
    distribution: sortedMap(placed.distribution),
    hasDistribution: placed.hasDistribution,
    pools: sortedMap(pools),
    templateFiles: used.templateFiles,
    packageDigests: used.packageDigests,
  };
  if (problems.length > 0) return { problems, sources };
  return {
    models,
    problems,
    sources,
    placements: scheduled.placements,
    placementChanges: scheduled.changes,
    heldCopies: scheduled.held,
  };
}

/** A context with no file parsed and no problem found yet. */
function newLoadContext(reader: RepoReader): LoadContext {
  const sources = new SourceSet();
  const problems: Problem[] = [];
  const at = (ref: SourceRef, message: string) => problems.push(sources.problem(ref, message));
  return { reader, sources, problems, at, unusable: new Set(), declaredPools: new Set() };
}

/**
 * Reads one model file and checks its syntax and schema. Undefined when it is missing or its `section`
 * is unusable; entries of `section` that break the schema are listed in `broken`.
 */
function parseModelFile<T>(
  ctx: LoadContext,
  file: string,
  schema: SchemaName,
  section: string,
): ParsedFile<T> | undefined {
  const parsed = parseExistingFile<T>(ctx, file, schema, section);
  if (!parsed && ctx.reader.kind(file) !== undefined) ctx.unusable.add(file);
  return parsed;
}

function parseExistingFile<T>(
  ctx: LoadContext,
  file: string,
  schema: SchemaName,
  section: string,
): ParsedFile<T> | undefined {
  const { problems } = ctx;
  const text = readModelFile(ctx.reader, file, problems);
  if (text === undefined) return undefined;
  const source = new YamlSource(file, text);
  ctx.sources.add(source);
  if (source.syntaxProblems.length > 0) {
    problems.push(...source.syntaxProblems);
    return undefined;
  }
  const value = source.value ?? {};
  // No value can hold more UTF-8 bytes than three per character of the text (escapes included): only a
  // text that long is walked for them.
  for (const path of text.length * 3 > MAX_STRING_BYTES ? oversizedStrings(value) : []) {
    problems.push(source.problem(path, `a value of more than ${MAX_STRING_BYTES / 1024 / 1024} MiB`));
  }
  const broken = new Set<string>();
  let usable = true;
  const violations = new Set<string>();
  for (const violation of validateAgainstSchema(schema, value)) {
    const problem = source.problem(violation.path, violation.message, violation.key);
    problems.push(problem);
    violations.add(`${problem.line}:${problem.col}`);
    if (violation.path[0] === section && violation.path.length >= 2) broken.add(String(violation.path[1]));
    else if (violation.path.length < 2 || violation.path[0] === section) usable = false;
  }
  // A lossy number where the schema already says what is wrong (`umask: 022`) is that one problem.
  problems.push(...source.numberProblems().filter((p) => !violations.has(`${p.line}:${p.col}`)));
  const sectionValue = (value as Record<string, unknown> | null)?.[section];
  if (!usable || typeof sectionValue !== 'object' || sectionValue === null || Array.isArray(sectionValue)) {
    return undefined;
  }
  return { file, value: value as T, broken };
}

/** The most IDs one pool may hold: assigning walks it, so it is bounded. */
export const MAX_POOL_SIZE = 10_000_000;

/** The longest a health check may wait. */
const MAX_HEALTH_CHECK_MS = 60 * 60_000;

/** Whether a services file could not be used, so that its services are unknown. */
function servicesIncomplete(ctx: LoadContext): boolean {
  return [...ctx.unusable].some(
    (f) =>
      f === MODEL_FILES.services ||
      f === MODEL_FILES.servicesDir ||
      f.startsWith(`${MODEL_FILES.servicesDir}/`),
  );
}

/** The longest string value a model file may hold. */
export const MAX_STRING_BYTES = 1024 * 1024;

/** Paths of the string values longer than MAX_STRING_BYTES. */
function oversizedStrings(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return Buffer.byteLength(value) > MAX_STRING_BYTES ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => oversizedStrings(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => oversizedStrings(v, [...path, k]));
  }
  return [];
}

/** Whether a declared name is a plain identifier; reports it at its key when it is not. */
function checkName(ctx: LoadContext, kind: string, name: string, ref: SourceRef): boolean {
  if (!IDENTIFIER.test(name)) {
    ctx.at(
      { ...ref, key: true },
      `${kind} name '${name}' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)`,
    );
    return false;
  }
  return true;
}

/** The place of a field below `ref`. */
function under(ref: SourceRef, ...path: YamlPath): SourceRef {
  return { ...ref, path: [...ref.path, ...path] };
}

// ---- services.yaml and services/*.yaml -------------------------------------------------------

/** The services of services.yaml and services/*.yaml; each name may be defined once only. */
function loadServices(ctx: LoadContext): Declared<ServiceModel> {
  const files = serviceFiles(ctx.reader);
  if (ctx.reader.kind(MODEL_FILES.servicesDir) === 'link') {
    ctx.problems.push(fileProblem(MODEL_FILES.servicesDir, REFUSED_LINK));
    ctx.unusable.add(MODEL_FILES.servicesDir);
  } else if (files.length === 0) {
    ctx.problems.push({
      file: MODEL_FILES.services,
      line: 1,
      col: 1,
      message: 'no services: the repository needs services.yaml or services/*.yaml',
    });
  }
  const definedIn = new Map<string, string>();
  const definitions = new Set<string>();
  const services = new Map<string, ServiceModel>();
  for (const file of files) {
    const parsed = parseModelFile<ServicesFile>(ctx, file, 'services', 'services');
    if (!parsed) continue;
    for (const [name, spec] of Object.entries(parsed.value.services)) {
      const ref: SourceRef = { file, path: ['services', name] };
      const first = definedIn.get(name);
      if (first !== undefined) {
        ctx.at({ ...ref, key: true }, `service '${name}' is defined twice: in ${first} and in ${file}`);
        continue;
      }
      definedIn.set(name, file);
      if (!checkName(ctx, 'service', name, ref)) continue;
      const broken = parsed.broken.has(name) || !spec;
      if (spec && isPlainObject(spec.instances)) {
        // A definition of instances is not a service itself (unless an instance takes its name): each
        // instance is. Their names are known even when the definition is broken.
        definitions.add(name);
        for (const [instance, overrides] of Object.entries(spec.instances!)) {
          const instanceRef: SourceRef = { file, path: [...ref.path, 'instances', instance] };
          const before = instance === name ? undefined : definedIn.get(instance);
          if (before !== undefined) {
            ctx.at(
              { ...instanceRef, key: true },
              `service '${instance}' is defined twice: in ${before} and in ${file}`,
            );
            continue;
          }
          definedIn.set(instance, file);
          definitions.delete(instance);
          if (broken || !checkName(ctx, 'service', instance, instanceRef)) continue;
          const model = instanceOf(ctx, spec, { name, ref }, { name: instance, ref: instanceRef, overrides });
          if (model) services.set(instance, model);
        }
      } else if (!broken) services.set(name, { name, type: spec.type ?? 'process', spec, ref });
    }
  }
  return { names: new Set([...definedIn.keys()].filter((n) => !definitions.has(n))), models: services };
}

type Fields = Readonly<Record<string, unknown>>;

/** One of a definition's instances: the definition with the instance's fields merged over it. */
function instanceOf(
  ctx: LoadContext,
  spec: Service,
  definition: { name: string; ref: SourceRef },
  instance: { name: string; ref: SourceRef; overrides: Service },
): ServiceModel | undefined {
  if (instance.overrides.instances !== undefined) {
    ctx.at({ ...under(instance.ref, 'instances'), key: true }, 'an instance has no instances of its own');
    return undefined;
  }
  const fields: Record<string, unknown> = { ...spec };
  delete fields.instances;
  const merged = mergedOver(fields, instance.overrides as Fields) as Service;
  return {
    name: instance.name,
    type: merged.type ?? 'process',
    spec: merged,
    ref: definition.ref,
    instance: { of: definition.name, ref: instance.ref, overrides: instance.overrides as Fields },
  };
}

/** `overrides` merged over `base`: objects field by field, anything else replaced. */
function mergedOver(base: Fields, overrides: Fields): Fields {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const under = out[key];
    out[key] =
      isPlainObject(value) && isPlainObject(under) ? mergedOver(under as Fields, value as Fields) : value;
  }
  return out;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The files that define services: services.yaml if there is one, then services/*.yaml. */
function serviceFiles(reader: RepoReader): string[] {
  return [
    ...(reader.kind(MODEL_FILES.services) !== undefined ? [MODEL_FILES.services] : []),
    ...reader
      .list(MODEL_FILES.servicesDir)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${MODEL_FILES.servicesDir}/${name}`),
  ];
}

// ---- infrastructure.yaml -----------------------------------------------------------------------

/** The targets of infrastructure.yaml, with their defaults filled in. */
function loadTargets(ctx: LoadContext): Declared<TargetModel> {
  const names = new Set<string>();
  const targets = new Map<string, TargetModel>();
  const infrastructure = parseModelFile<InfrastructureFile>(
    ctx,
    MODEL_FILES.infrastructure,
    'infrastructure',
    'targets',
  );
  const captured =
    ctx.reader.kind(CAPTURED_FILE) === undefined
      ? undefined
      : parseModelFile<CapturedFile>(ctx, CAPTURED_FILE, 'captured', 'targets');
  for (const [name, spec] of Object.entries(infrastructure?.value.targets ?? {})) {
    const ref: SourceRef = { file: MODEL_FILES.infrastructure, path: ['targets', name] };
    names.add(name);
    if (!checkName(ctx, 'target', name, ref) || infrastructure!.broken.has(name) || !spec) continue;
    const target = buildTarget(ctx, name, spec, ref);
    // A capture of a target no longer declared is ignored: it is what was found, not what is wanted.
    const found = captured && !captured.broken.has(name) ? captured.value.targets[name] : undefined;
    if (target && found && Object.hasOwn(captured!.value.targets, name)) target.captured = found;
    if (target) targets.set(name, target);
  }
  return { names, models: targets };
}

/** One target with its defaults filled in; its host key and declared containers are checked. */
function buildTarget(ctx: LoadContext, name: string, spec: Target, ref: SourceRef): TargetModel | undefined {
  if (
    spec.hostKey !== undefined &&
    !/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(spec.hostKey)
  ) {
    ctx.at(under(ref, 'hostKey'), "hostKey must be a public key line such as 'ssh-ed25519 AAAA...'");
  }
  const containers = spec.containers ?? {};
  checkContainers(ctx, containers, ref);
  const user = spec.user ?? 'root';
  const unprivileged = spec.unprivileged ?? user !== 'root';
  const base: TargetBase = {
    name,
    user,
    unprivileged,
    processManager: spec.processManager ?? 'supervisord',
    stateDir: posix.normalize(spec.stateDir ?? defaultStateDir(user, unprivileged)).replace(/(.)\/$/, '$1'),
    // A boot hook is a lasting change to the machine: not on drover's own host unless asked for.
    bootHook: spec.bootHook ?? ((spec.transport ?? 'ssh') === 'local' ? 'none' : 'auto'),
    numOfCores: spec.numOfCores ?? 1,
    capacity: {
      ...(spec.capacity?.cpu !== undefined ? { cpu: millicores(spec.capacity.cpu) } : {}),
      ...(spec.capacity?.memory !== undefined ? { memory: bytes(spec.capacity.memory) } : {}),
    },
    cordoned: spec.cordoned === true,
    drain: spec.drain === true,
    properties: spec.properties ?? {},
    containers: Object.fromEntries(Object.entries(containers).map(([k, v]) => [k, v ?? {}])),
    ref,
  };
  if (spec.system !== undefined) base.system = spec.system;
  switch (spec.transport ?? 'ssh') {
    case 'local':
      return { ...base, transport: 'local' };
    case 'ssh': {
      // The schema requires a hostname of an ssh target (a target without one is not built).
      if (spec.hostname === undefined) return undefined;
      const target: SshTarget = {
        ...base,
        transport: 'ssh',
        hostname: spec.hostname,
        port: spec.port ?? 22,
      };
      if (spec.hostKey !== undefined) target.hostKey = spec.hostKey;
      return target;
    }
  }
}

/** Checks the containers a target declares: plain names, none built in, and a manager drover knows. */
function checkContainers(
  ctx: LoadContext,
  containers: NonNullable<Target['containers']>,
  ref: SourceRef,
): void {
  for (const container of Object.keys(containers)) {
    const containerRef = under(ref, 'containers', container);
    if (!checkName(ctx, 'container', container, containerRef)) continue;
    if ((BUILTIN_CONTAINERS as readonly string[]).includes(container)) {
      ctx.at({ ...containerRef, key: true }, `container '${container}' is built in; it cannot be declared`);
    }
    const properties = containers[container] ?? {};
    const manager = properties.processManager;
    if (manager === undefined) continue;
    if (typeof manager !== 'string' || !CONTAINER_MANAGERS.includes(manager)) {
      ctx.at(
        under(containerRef, 'processManager'),
        `processManager must be one of ${processManagers.join(', ')}, an activation module (${[...activationModules.keys()].join(', ')}), or package (drover only installs what is placed there)`,
      );
    } else {
      checkContainerProperties(properties, manager, containerRef, ctx.at);
    }
  }
}

/**
 * Checks the properties of a container against what the renderer of its manager reads, each at the
 * property: a value of another type would reach the manager's configuration.
 */
function checkContainerProperties(
  properties: Record<string, unknown>,
  manager: string,
  containerRef: SourceRef,
  at: At,
): void {
  const declared = rendererOf(manager)?.containerProperties ?? {};
  for (const [property, type] of Object.entries(declared).sort(([a], [b]) => compareStrings(a, b))) {
    if (!Object.hasOwn(properties, property)) continue;
    const problem = stringFormatViolation(properties[property], type === 'string' ? undefined : type);
    if (problem !== undefined) {
      at(under(containerRef, property), `${property} (read by ${manager}): ${problem}`);
    }
  }
}

/** Where drover keeps its state on a target: /var/lib/drover, or under the home of an unprivileged user. */
function defaultStateDir(user: string, unprivileged: boolean): string {
  return unprivileged && user !== 'root' ? `/home/${user}/.local/state/drover` : '/var/lib/drover';
}

// ---- idresources.yaml --------------------------------------------------------------------------

/** The ID pools of idresources.yaml; a following pool copies its leader's range and scope. */
function loadPools(ctx: LoadContext): Map<string, PoolModel> {
  const pools = new Map<string, PoolModel>();
  const file = parseModelFile<IdResourcesFile>(ctx, MODEL_FILES.idresources, 'idresources', 'pools');
  if (!file) return pools;
  for (const name of Object.keys(file.value.pools)) ctx.declaredPools.add(name);
  const entries: [string, Pool][] = Object.entries(file.value.pools).filter(
    ([name]) =>
      checkName(ctx, 'pool', name, { file: file.file, path: ['pools', name] }) && !file.broken.has(name),
  );
  const specs = new Map(entries);
  for (const [name, spec] of entries) {
    const ref: SourceRef = { file: file.file, path: ['pools', name] };
    if (spec.follows !== undefined) {
      checkFollows(ctx, name, spec.follows, spec, specs, ref);
      continue; // filled in below, once every leader is built
    }
    const pool = buildPool(ctx, name, spec, ref);
    if (pool) pools.set(name, pool);
  }
  for (const [name, spec] of entries) {
    const leader = spec.follows !== undefined ? pools.get(spec.follows) : undefined;
    if (leader && !leader.follows) {
      pools.set(name, {
        ...leader,
        name,
        follows: leader.name,
        ref: { file: file.file, path: ['pools', name] },
      });
    }
  }
  return pools;
}

/** Checks a following pool: it names a pool that follows none, and no range or scope of its own. */
function checkFollows(
  ctx: LoadContext,
  name: string,
  follows: string,
  spec: Pool,
  specs: ReadonlyMap<string, Pool>,
  ref: SourceRef,
): void {
  const extra = (['min', 'max', 'step', 'scope'] as const).filter((f) => spec[f] !== undefined);
  if (extra.length > 0) {
    ctx.at(
      under(ref, extra[0]!),
      `pool '${name}' follows '${follows}' and takes its range and scope; remove ${extra.join(', ')}`,
    );
    return;
  }
  const leader = specs.get(follows);
  if (!leader) {
    ctx.at(
      under(ref, 'follows'),
      `pool '${name}' follows unknown pool '${follows}'${suggest(follows, specs.keys())}`,
    );
    return;
  }
  if (leader.follows !== undefined) {
    ctx.at(
      under(ref, 'follows'),
      `pool '${name}' follows '${follows}', which follows another pool; follow '${leader.follows}' instead`,
    );
  }
}

/** A pool with a range of its own, with its defaults filled in; undefined when the range is missing or empty. */
function buildPool(ctx: LoadContext, name: string, spec: Pool, ref: SourceRef): PoolModel | undefined {
  if (spec.min === undefined || spec.max === undefined) {
    ctx.at(ref, `pool '${name}' needs min and max (or follows: another pool)`);
    return undefined;
  }
  if (spec.min > spec.max) {
    ctx.at(under(ref, 'min'), `pool '${name}': min ${spec.min} is greater than max ${spec.max}`);
    return undefined;
  }
  const size = Math.floor((spec.max - spec.min) / (spec.step ?? 1)) + 1;
  if (size > MAX_POOL_SIZE) {
    ctx.at(ref, `pool '${name}' holds ${size} IDs: at most ${MAX_POOL_SIZE.toLocaleString('en')}`);
    return undefined;
  }
  return {
    name,
    min: spec.min,
    max: spec.max,
    step: spec.step ?? 1,
    scope: spec.scope ?? 'global',
    ...(spec.reserved !== undefined ? { reserved: spec.reserved } : {}),
    ...(spec.skipInUse !== undefined ? { skipInUse: spec.skipInUse } : {}),
    ref,
  };
}

// ---- distribution.yaml -------------------------------------------------------------------------

/** The placements of distribution.yaml; hasDistribution is false when the file is missing or unusable. */
function loadDistribution(
  ctx: LoadContext,
  services: Declared<ServiceModel>,
  targets: Declared<TargetModel>,
): Pick<Models, 'distribution' | 'hasDistribution'> {
  const file = parseModelFile<DistributionFile>(
    ctx,
    MODEL_FILES.distribution,
    'distribution',
    'distribution',
  );
  const distribution = new Map<string, Placement[]>();
  const entries = Object.entries(file?.value.distribution ?? {});
  // Providers first: where they run, the containers they provide exist for the others to be placed in.
  const provides = ([name]: [string, unknown]) => services.models.get(name)?.spec.provides !== undefined;
  const providersOf = (container: string) =>
    [...services.models.values()]
      .filter((s) => Object.hasOwn(s.spec.provides?.containers ?? {}, container))
      .map((s) => s.name);
  for (const [name, entry] of [...entries.filter(provides), ...entries.filter((e) => !provides(e))]) {
    const ref: SourceRef = { file: MODEL_FILES.distribution, path: ['distribution', name] };
    if (!services.names.has(name)) {
      if (!servicesIncomplete(ctx))
        ctx.at({ ...ref, key: true }, `unknown service '${name}'${suggest(name, services.names)}`);
      continue;
    }
    const service = services.models.get(name);
    if (file!.broken.has(name) || !entry || !service) continue;
    const placements = placeService(ctx, service, entry, ref, targets, providersOf);
    if (placements.length > 0) distribution.set(name, placements);
    for (const placement of placements)
      provideContainers(ctx, service, placement, targets.models.get(placement.target)!);
  }
  return { distribution, hasDistribution: file !== undefined };
}

/**
 * Gives `target` the containers `service`, placed there, provides: run by their processManager (package,
 * only installed, by default), with their properties as written (templates are resolved with the
 * provider's IDs, per unit). A container the target has already is an error at the placement.
 */
function provideContainers(
  ctx: LoadContext,
  service: ServiceModel,
  placement: Placement,
  target: TargetModel,
): void {
  for (const [type, properties] of Object.entries(service.spec.provides?.containers ?? {})) {
    const other = target.providers?.[type];
    if ((BUILTIN_CONTAINERS as readonly string[]).includes(type) || Object.hasOwn(target.containers, type)) {
      ctx.at(
        placement.ref,
        `'${service.name}' provides container '${type}', which target '${target.name}' has already${other !== undefined ? ` (from '${other}')` : ''}`,
      );
      continue;
    }
    target.containers[type] = { processManager: 'package', ...properties };
    target.providers = { ...target.providers, [type]: service.name };
  }
}

/** The placements of one service: each on a known target, in a container it offers, at most once. */
function placeService(
  ctx: LoadContext,
  service: ServiceModel,
  entry: PlacementEntry,
  ref: SourceRef,
  targets: Declared<TargetModel>,
  providersOf: (container: string) => string[],
): Placement[] {
  const { name } = service;
  const entries = Array.isArray(entry)
    ? entry.map((target, i) => ({ target, container: undefined, path: [...ref.path, i] }))
    : entry.targets.map((t, i) => ({ ...t, path: [...ref.path, 'targets', i] }));
  const placements: Placement[] = [];
  for (const { target, container, path } of entries) {
    const placementRef: SourceRef = { file: ref.file, path };
    if (!targets.names.has(target)) {
      if (!ctx.unusable.has(MODEL_FILES.infrastructure))
        ctx.at(placementRef, `unknown target '${target}'${suggest(target, targets.names)}`);
      continue;
    }
    const targetModel = targets.models.get(target);
    if (!targetModel) continue;
    const kind = container ?? service.type;
    const offered = [...BUILTIN_CONTAINERS, ...Object.keys(targetModel.containers)];
    if (!offered.includes(kind)) {
      const providers = providersOf(kind);
      ctx.at(
        placementRef,
        `target '${target}' has no container '${kind}'` +
          (container ? '' : ` (the type of service '${name}')`) +
          (providers.length > 0
            ? `: place ${providers.map((p) => `'${p}'`).join(' or ')}, which provides it, there too`
            : ` (it offers: ${offered.join(', ')})`),
      );
      continue;
    }
    if (placements.some((p) => p.target === target && p.container === kind)) {
      ctx.at(placementRef, `service '${name}' is placed twice in container '${kind}' of target '${target}'`);
      continue;
    }
    placements.push({ target, container: kind, ref: placementRef });
  }
  return placements;
}

// ---- each service's own fields and references --------------------------------------------------

/** What checking a service needs: the other models, and where to record the files it uses. */
interface ServiceCheckContext {
  at: At;
  /** Reports a problem once, however many services lead to it (a container they share). */
  atOnce: At;
  targets: ReadonlyMap<string, TargetModel>;
  reader: RepoReader;
  knownServices: ReadonlySet<string>;
  services: ReadonlyMap<string, ServiceModel>;
  pools: ReadonlyMap<string, PoolModel>;
  distribution: ReadonlyMap<string, readonly Placement[]>;
  hasDistribution: boolean;
  /** A services file could not be used: its services are unknown, but not wrong to name. */
  servicesIncomplete: boolean;
  /** Whether a pool is named in idresources.yaml (or could be: the file is unusable). */
  poolsDeclared: (pool: string) => boolean;
  templateFiles: Map<string, string>;
  packageDigests: Map<string, string>;
}

/** Checks each service's own fields and references; returns the template files and packages they use. */
function checkServices(
  ctx: LoadContext,
  services: Declared<ServiceModel>,
  targets: Declared<TargetModel>,
  pools: ReadonlyMap<string, PoolModel>,
  placed: Pick<Models, 'distribution' | 'hasDistribution'>,
): Pick<Models, 'templateFiles' | 'packageDigests'> {
  const { at } = ctx;
  const reported = new Set<string>();
  const atOnce: At = (ref, message) => {
    const id = JSON.stringify([ref, message]);
    if (!reported.has(id)) at(ref, message);
    reported.add(id);
  };
  const check: ServiceCheckContext = {
    at,
    atOnce,
    targets: targets.models,
    reader: ctx.reader,
    knownServices: services.names,
    services: services.models,
    pools,
    distribution: placed.distribution,
    hasDistribution: placed.hasDistribution,
    servicesIncomplete: servicesIncomplete(ctx),
    poolsDeclared: (pool) => ctx.declaredPools.has(pool) || ctx.unusable.has(MODEL_FILES.idresources),
    templateFiles: new Map<string, string>(),
    packageDigests: new Map<string, string>(),
  };
  for (const service of services.models.values()) checkService(service, check);
  return { templateFiles: check.templateFiles, packageDigests: check.packageDigests };
}

/** Checks one service's fields and references, and records the template files and package it uses. */
function checkService(service: ServiceModel, ctx: ServiceCheckContext): void {
  checkDependencies(service, ctx);
  checkIdPools(service, ctx);
  checkProcess(service, ctx.at);
  for (const placement of ctx.distribution.get(service.name) ?? []) {
    checkPlacement(service, placement, ctx);
  }
  checkPackage(service, ctx);
  checkFiles(service, ctx);
  checkHealthCheck(service, ctx.at);
}

/**
 * Checks dependsOn, activatesAfter and connectsTo: known services, no package among those activated
 * first, and a placed service reaches only services that are placed too.
 */
function checkDependencies(service: ServiceModel, ctx: ServiceCheckContext): void {
  const { spec, name } = service;
  const placed = ctx.distribution.has(name);
  for (const kind of ['dependsOn', 'activatesAfter', 'connectsTo'] as const) {
    for (const [i, dep] of (spec[kind] ?? []).entries()) {
      if (!ctx.knownServices.has(dep)) {
        const instances = [...ctx.services.values()].filter((s) => s.instance?.of === dep).map((s) => s.name);
        if (instances.length > 0)
          ctx.at(
            serviceField(service, kind, i),
            `'${dep}' has instances: name those to reach (${instances.join(', ')})`,
          );
        else if (!ctx.servicesIncomplete)
          ctx.at(
            serviceField(service, kind, i),
            `unknown service '${dep}'${suggest(dep, ctx.knownServices)}`,
          );
        continue;
      }
      const target = ctx.services.get(dep);
      if (!target) continue;
      if (kind !== 'connectsTo' && target.type === 'package') {
        ctx.at(
          serviceField(service, kind, i),
          `'${dep}' is a package: it is never activated, so it cannot be in ${kind}`,
        );
      } else if (kind !== 'activatesAfter' && placed && ctx.hasDistribution && !ctx.distribution.has(dep)) {
        ctx.at(
          serviceField(service, kind, i),
          `'${dep}' is not distributed to any target, so '${name}' cannot reach it`,
        );
      }
    }
  }
}

/** Checks requiresUniqueIdsFor: known pools, the leader of a following pool too, machine scope only when placed. */
function checkIdPools(service: ServiceModel, ctx: ServiceCheckContext): void {
  const { spec } = service;
  for (const [i, pool] of (spec.requiresUniqueIdsFor ?? []).entries()) {
    const model = ctx.pools.get(pool);
    const at = (message: string) => ctx.at(serviceField(service, 'requiresUniqueIdsFor', i), message);
    if (!model) {
      if (!ctx.poolsDeclared(pool)) at(`unknown pool '${pool}'${suggest(pool, ctx.pools.keys())}`);
    } else if (model.follows && !spec.requiresUniqueIdsFor?.includes(model.follows)) {
      at(`pool '${pool}' follows '${model.follows}': also require '${model.follows}'`);
    } else if (model.scope === 'machine' && !ctx.hasDistribution) {
      at(`pool '${pool}' is machine-scoped, which needs distribution.yaml`);
    }
  }
}

/** Checks the process block: none for a package, a command or daemon, known managers and account names. */
function checkProcess(service: ServiceModel, at: At): void {
  const { spec, name } = service;
  if (service.type === 'package' && spec.process) {
    at(
      serviceField(service, 'process'),
      `service '${name}' is a package: it is never activated, so it has no process`,
    );
  }
  if (spec.process && spec.process.command === undefined && spec.process.daemon === undefined) {
    at(
      serviceField(service, 'process'),
      "process needs 'command' (runs in the foreground) or 'daemon' (daemonises itself)",
    );
  }
  for (const [manager, overrides] of Object.entries(spec.process?.overrides ?? {})) {
    if (!isProcessManager(manager)) {
      at(
        { ...serviceField(service, 'process', 'overrides', manager), key: true },
        `unknown process manager '${manager}' (known: ${processManagers.join(', ')})`,
      );
      continue;
    }
    // Keys and characters each manager's format can hold, for every manager the service has settings for.
    for (const problem of renderers.get(manager)!.checkOverrides(overrides ?? {})) {
      at(
        { ...serviceField(service, 'process', 'overrides', manager, ...problem.path), key: problem.key },
        overrideError(name, manager, problem).message,
      );
    }
  }
  for (const kind of ['users', 'groups'] as const) {
    for (const account of Object.keys(spec.process?.credentials?.[kind] ?? {})) {
      if (!IDENTIFIER.test(account)) {
        at(
          { ...serviceField(service, 'process', 'credentials', kind, account), key: true },
          `${kind === 'users' ? 'user' : 'group'} name '${account}' must be a plain identifier`,
        );
      }
    }
  }
}

/** Checks a package folder of the repository (no link inside) and records its digest. */
function checkPackage(service: ServiceModel, ctx: ServiceCheckContext): void {
  const pkg = service.spec.package;
  if (pkg === undefined || pkg.startsWith('/')) return;
  const field = serviceField(service, 'package');
  const path = checkRepoPath(pkg, 'dir', field, 'package', ctx);
  if (!path) return;
  const files = ctx.reader.files(path);
  for (const link of files.filter((f) => f.refused)) {
    ctx.at(field, `package '${pkg}': '${link.path}' ${REFUSED_LINK}`);
  }
  ctx.packageDigests.set(path, digestFiles(files));
}

/** Checks each file's name and source (a template of the repository or content), and records its template. */
function checkFiles(service: ServiceModel, ctx: ServiceCheckContext): void {
  for (const [fileName, file] of Object.entries(service.spec.files ?? {})) {
    if (!file) continue;
    const fileRef = serviceField(service, 'files', fileName);
    if (!IDENTIFIER.test(fileName)) {
      ctx.at(
        { ...fileRef, key: true },
        `file name '${fileName}' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)`,
      );
    }
    const mode = file.mode !== undefined ? modeProblem(file.mode) : undefined;
    if (mode !== undefined) ctx.at(under(fileRef, 'mode'), `file '${fileName}': ${mode}`);
    if ((file.template === undefined) === (file.content === undefined)) {
      ctx.at(
        fileRef,
        `file '${fileName}' needs exactly one of 'template' (a file of the repository) or 'content'`,
      );
    } else if (file.template !== undefined) {
      const path = checkRepoPath(file.template, 'file', under(fileRef, 'template'), 'template', ctx);
      // Read once, however many services use it.
      if (path && !ctx.templateFiles.has(path)) ctx.templateFiles.set(path, ctx.reader.readText(path) ?? '');
    }
  }
}

/**
 * Why drover refuses a file mode (already an octal string, per the schema): a setuid, setgid or sticky
 * bit (a configuration file has no use for one), or write permission for every user.
 */
function modeProblem(mode: string): string | undefined {
  const bits = parseInt(mode, 8);
  const special = (
    [
      [0o4000, 'setuid'],
      [0o2000, 'setgid'],
      [0o1000, 'sticky'],
    ] as const
  ).find(([bit]) => (bits & bit) !== 0);
  if (special) {
    return `mode ${mode} sets the ${special[1]} bit; drover refuses setuid, setgid and sticky bits (at most 0777)`;
  }
  if ((bits & 0o002) !== 0)
    return `mode ${mode} lets every user write it; drover refuses world-writable files`;
  return undefined;
}

/** Checks that a health check names exactly one kind of probe. */
function checkHealthCheck(service: ServiceModel, at: At): void {
  const check = service.spec.healthCheck;
  if (!check) return;
  const kinds = (['tcp', 'http', 'command'] as const).filter((k) => check[k] !== undefined);
  if (kinds.length !== 1) {
    at(
      serviceField(service, 'healthCheck'),
      `healthCheck needs exactly one of tcp, http or command${kinds.length > 1 ? ` (found ${kinds.join(', ')})` : ''}`,
    );
  }
  const timeout = check.timeout !== undefined ? parseDuration(check.timeout) : undefined;
  if (timeout !== undefined && timeout > MAX_HEALTH_CHECK_MS) {
    at(
      serviceField(service, 'healthCheck', 'timeout'),
      `healthCheck timeout ${check.timeout} is longer than 1h`,
    );
  }
}

/**
 * Checks that `drover apply` can activate a placed service: a process manager drover knows runs its
 * container ('package' only installs), and the service has the process block that manager needs.
 */
function checkPlacement(service: ServiceModel, placement: Placement, ctx: ServiceCheckContext): void {
  const { name, spec } = service;
  const { target: targetName, container } = placement;
  const target = ctx.targets.get(targetName)!;
  const manager = managerOf(target, container, service.type);
  if (manager === 'package') return;
  if (!isProcessManager(manager) && !isActivationModule(manager)) {
    ctx.at(
      placement.ref,
      `drover cannot activate service '${name}' in container '${container}' of target '${targetName}': ` +
        `no process manager runs that container; give it a processManager (${processManagers.join(', ')}), ` +
        `or processManager: package to only install what is placed there, or place the service in 'package'`,
    );
    return;
  }
  if (!spec.process && !isActivationModule(manager)) {
    ctx.at(
      placement.ref,
      `service '${name}' runs in container '${container}' on '${targetName}' but has no process block`,
    );
  }
  const declared = Object.hasOwn(target.containers, container) ? target.containers[container] : undefined;
  // A container without a processManager of its own is run by the manager the service's type names.
  if (declared && declared.processManager === undefined) {
    const containerRef = under(target.ref, 'containers', container);
    checkContainerProperties(declared, manager, containerRef, ctx.atOnce);
  }
}

// ---- the names each target's managers know units by -----------------------------------------------

/** A unit as the name check sees it: which service, where, and which manager runs it. */
interface NamedUnit {
  service: string;
  container: string;
  manager: string;
  ref: SourceRef;
}

/**
 * Checks, target by target, that no two units would be one to the manager that runs them (bsdrc's `a-b`
 * and `a_b`, s6's `x` and `x-log`, one service in two containers), that no unit takes a name a manager
 * running there keeps for itself, and that a service runs once per target (its log file and run folder
 * are named after it). Each problem is at the placement of the later unit.
 */
function checkSystemNames(
  ctx: LoadContext,
  services: ReadonlyMap<string, ServiceModel>,
  targets: ReadonlyMap<string, TargetModel>,
  distribution: ReadonlyMap<string, readonly Placement[]>,
): void {
  const byTarget = new Map<string, NamedUnit[]>();
  for (const name of [...distribution.keys()].sort(compareStrings)) {
    const service = services.get(name);
    // A unit without a process is never activated, or is reported already.
    if (!service?.spec.process) continue;
    for (const { target, container, ref } of distribution.get(name)!) {
      const targetModel = targets.get(target);
      if (!targetModel) continue;
      const manager = managerOf(targetModel, container, service.type);
      if (!renderers.has(manager)) continue;
      const units = byTarget.get(target) ?? [];
      units.push({ service: name, container, manager, ref });
      byTarget.set(target, units);
    }
  }
  for (const [target, units] of byTarget) {
    for (const { unit, message } of targetNameProblems(target, units)) ctx.at(unit.ref, message);
  }
}

/** The name problems of the units of one target, in the order the units are given. */
function targetNameProblems(
  target: string,
  units: readonly NamedUnit[],
): { unit: NamedUnit; message: string }[] {
  const on = `on target '${target}'`;
  // Names kept by every manager that runs here: in its own namespace, and in drover's folders.
  const managers = [...new Set(units.map((u) => u.manager))].sort(compareStrings);
  const keptInFolders = new Map<string, string>();
  for (const manager of managers) {
    for (const reserved of rendererOf(manager)!.reservedNames) {
      if (reserved.inFolders && !keptInFolders.has(reserved.name)) {
        keptInFolders.set(
          reserved.name,
          `${manager} ${on} keeps the name '${reserved.name}' for itself (${reserved.reason})`,
        );
      }
    }
  }
  const known = new Map<string, Map<string, NamedUnit>>(managers.map((m) => [m, new Map()]));
  const inFolders = new Map<string, NamedUnit>();
  const problems: { unit: NamedUnit; message: string }[] = [];
  for (const unit of units) {
    const renderer = rendererOf(unit.manager)!;
    const names = renderer
      .systemNames(unit.service)
      .map((n) => (renderer.namesIgnoreCase ? n.toLowerCase() : n));
    const ignoringCase = renderer.namesIgnoreCase ? ' (its names ignore case)' : '';
    const problem = (): string | undefined => {
      for (const name of names) {
        const reserved = renderer.reservedNames.find((r) => r.name === name);
        if (reserved) {
          return `${unit.manager} ${on} keeps the name '${name}' for itself (${reserved.reason}): rename service '${unit.service}'`;
        }
      }
      const kept = keptInFolders.get(unit.service);
      if (kept !== undefined) return `${kept}: rename service '${unit.service}'`;
      for (const name of names) {
        const other = known.get(unit.manager)!.get(name);
        if (other?.service === unit.service) {
          return (
            `service '${unit.service}' is placed twice under ${unit.manager} ${on} ` +
            `(containers '${other.container}' and '${unit.container}'): ${unit.manager} would know both as '${name}'`
          );
        }
        if (other) {
          return `${unit.manager} ${on} would know services '${other.service}' and '${unit.service}' both as '${name}'${ignoringCase}: rename one of them`;
        }
      }
      const other = inFolders.get(unit.service);
      if (other) {
        return (
          `service '${unit.service}' is placed twice ${on} (containers '${other.container}' and ` +
          `'${unit.container}'): both units would use its log file and run folder`
        );
      }
      return undefined;
    };
    const message = problem();
    if (message !== undefined) {
      problems.push({ unit, message });
      continue;
    }
    for (const name of names) known.get(unit.manager)!.set(name, unit);
    inFolders.set(unit.service, unit);
  }
  return problems;
}

/** The text of a model file, or undefined when there is none; a link or an unreadable file is a problem. */
function readModelFile(reader: RepoReader, file: string, problems: Problem[]): string | undefined {
  const kind = reader.kind(file);
  if (kind === undefined) return undefined;
  if (kind !== 'file') {
    problems.push(fileProblem(file, kind === 'link' ? REFUSED_LINK : 'is a folder, not a file'));
    return undefined;
  }
  try {
    return reader.readText(file);
  } catch (error) {
    problems.push(fileProblem(file, `cannot be read: ${(error as Error).message}`));
    return undefined;
  }
}

/** A repository-relative path in the one form drover keys files and digests by. */
export function normalizeRepoPath(path: string): string {
  return posix.normalize(path).replace(/\/$/, '');
}

/** Checks that a relative path stays inside the repository and exists; returns it normalised. */
function checkRepoPath(
  path: string,
  expected: 'file' | 'dir',
  ref: SourceRef,
  what: string,
  ctx: ServiceCheckContext,
): string | undefined {
  const normalized = normalizeRepoPath(path);
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized)) {
    ctx.at(ref, `${what} path '${path}' leaves the repository`);
    return undefined;
  }
  const kind = ctx.reader.kind(normalized);
  if (kind === 'link') {
    ctx.at(ref, `${what} '${path}' ${REFUSED_LINK}`);
  } else if (kind === undefined) {
    ctx.at(
      ref,
      `${what} ${expected === 'dir' ? 'folder' : 'file'} '${path}' does not exist in the repository`,
    );
  } else if (kind !== expected) {
    ctx.at(ref, `${what} '${path}' must be a ${expected === 'dir' ? 'folder' : 'file'}`);
  } else {
    return normalized;
  }
  return undefined;
}

/** Reports each dependency cycle (dependsOn and activatesAfter; connectsTo may form cycles) once, by name. */
function checkCycles(services: ReadonlyMap<string, ServiceModel>, at: At): void {
  const edges = (s: ServiceModel) =>
    [...(s.spec.dependsOn ?? []), ...(s.spec.activatesAfter ?? [])]
      .filter((d) => services.has(d))
      .sort(compareStrings);
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'active');
    stack.push(name);
    const service = services.get(name)!;
    for (const dep of edges(service)) {
      const depState = state.get(dep);
      if (depState === 'active') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const id = [...cycle.slice(0, -1)].sort(compareStrings).join(' ');
        if (!reported.has(id)) {
          reported.add(id);
          const kind = service.spec.dependsOn?.includes(dep) ? 'dependsOn' : 'activatesAfter';
          const index = service.spec[kind]!.indexOf(dep);
          at(serviceField(service, kind, index), `dependency cycle: ${cycle.join(' -> ')}`);
        }
      } else if (depState === undefined) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of [...services.keys()].sort(compareStrings)) if (!state.has(name)) visit(name);
}

/** " (did you mean 'x'?)" when a known name is one or two edits away. */
function sortedMap<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => compareStrings(a, b)));
}
