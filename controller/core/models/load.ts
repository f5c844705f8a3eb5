/**
 * Loads a models repository: YAML syntax, JSON Schema, then every cross-reference (services, targets,
 * containers, pools, paths, dependency cycles). Pure given its RepoReader; collects every problem it finds.
 */
import { posix } from 'node:path';
import type { ServicesFile } from '../../../schema/generated/services.ts';
import type { InfrastructureFile, Target } from '../../../schema/generated/infrastructure.ts';
import type { DistributionFile } from '../../../schema/generated/distribution.ts';
import type { IdResourcesFile, Pool } from '../../../schema/generated/idresources.ts';
import {
  IDENTIFIER,
  stringFormatViolation,
  validateAgainstSchema,
  type SchemaName,
} from '../../../schema/index.ts';
import { isProcessManager, processManagers, renderers } from '../../../renderers/index.ts';
import { compareStrings, fileProblem, type Problem } from '../problems.ts';
import { digestFiles, REFUSED_LINK, type RepoReader } from './repo-reader.ts';
import {
  BUILTIN_CONTAINERS,
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

/** What a declared container's `processManager` may name: a process manager, or 'package' (install only). */
const CONTAINER_MANAGERS: readonly string[] = [...processManagers, 'package'];

/**
 * Who runs a unit: 'package' in the package container, the target's processManager in the process
 * container, else the container's own processManager, else the service's type (a container kind).
 */
export function managerOf(target: TargetModel, container: string, serviceType: string): string {
  if (container === 'package') return 'package';
  if (container === 'process') return target.processManager;
  const declared = target.containers[container]?.processManager;
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
}

interface ParsedFile<T> {
  file: string;
  value: T;
  /** Names (second path segment) of entries with schema violations: known, but not usable. */
  broken: Set<string>;
}

/** Loads and checks every model file of the repository behind `reader`. */
export function loadModels(reader: RepoReader): LoadResult {
  const sources = new SourceSet();
  const problems: Problem[] = [];
  const at = (ref: SourceRef, message: string) => problems.push(sources.problem(ref, message));

  function parse<T>(file: string, schema: SchemaName, section: string): ParsedFile<T> | undefined {
    const text = readModelFile(reader, file, problems);
    if (text === undefined) return undefined;
    const source = new YamlSource(file, text);
    sources.add(source);
    if (source.syntaxProblems.length > 0) {
      problems.push(...source.syntaxProblems);
      return undefined;
    }
    const value = source.value ?? {};
    const broken = new Set<string>();
    let usable = true;
    for (const violation of validateAgainstSchema(schema, value)) {
      problems.push(source.problem(violation.path, violation.message, violation.key));
      if (violation.path[0] === section && violation.path.length >= 2) broken.add(String(violation.path[1]));
      else if (violation.path.length < 2 || violation.path[0] === section) usable = false;
    }
    const sectionValue = (value as Record<string, unknown> | null)?.[section];
    if (!usable || typeof sectionValue !== 'object' || sectionValue === null || Array.isArray(sectionValue)) {
      return undefined;
    }
    return { file, value: value as T, broken };
  }

  const checkName = (kind: string, name: string, ref: SourceRef) => {
    if (!IDENTIFIER.test(name)) {
      at(
        { ...ref, key: true },
        `${kind} name '${name}' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)`,
      );
      return false;
    }
    return true;
  };

  // ---- services.yaml and services/*.yaml -------------------------------------------------------
  const serviceFiles = [
    ...(reader.kind(MODEL_FILES.services) !== undefined ? [MODEL_FILES.services] : []),
    ...reader
      .list(MODEL_FILES.servicesDir)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${MODEL_FILES.servicesDir}/${name}`),
  ];
  if (serviceFiles.length === 0) {
    problems.push({
      file: MODEL_FILES.services,
      line: 1,
      col: 1,
      message: 'no services: the repository needs services.yaml or services/*.yaml',
    });
  }
  const knownServices = new Map<string, SourceRef>();
  const services = new Map<string, ServiceModel>();
  for (const file of serviceFiles) {
    const parsed = parse<ServicesFile>(file, 'services', 'services');
    if (!parsed) continue;
    for (const [name, spec] of Object.entries(parsed.value.services)) {
      const ref: SourceRef = { file, path: ['services', name] };
      const first = knownServices.get(name);
      if (first) {
        at({ ...ref, key: true }, `service '${name}' is defined twice: in ${first.file} and in ${file}`);
        continue;
      }
      knownServices.set(name, ref);
      if (!checkName('service', name, ref) || parsed.broken.has(name) || !spec) continue;
      services.set(name, { name, type: spec.type ?? 'process', spec, ref });
    }
  }

  // ---- infrastructure.yaml -----------------------------------------------------------------------
  const knownTargets = new Set<string>();
  const targets = new Map<string, TargetModel>();
  const infrastructure = parse<InfrastructureFile>(MODEL_FILES.infrastructure, 'infrastructure', 'targets');
  for (const [name, spec] of Object.entries(infrastructure?.value.targets ?? {})) {
    const ref: SourceRef = { file: MODEL_FILES.infrastructure, path: ['targets', name] };
    knownTargets.add(name);
    if (!checkName('target', name, ref) || infrastructure!.broken.has(name) || !spec) continue;
    const target = buildTarget(name, spec, ref, at, checkName);
    if (target) targets.set(name, target);
  }

  // ---- idresources.yaml --------------------------------------------------------------------------
  const idresources = parse<IdResourcesFile>(MODEL_FILES.idresources, 'idresources', 'pools');
  const pools = buildPools(idresources, at, checkName);

  // ---- distribution.yaml -------------------------------------------------------------------------
  const distributionFile = parse<DistributionFile>(MODEL_FILES.distribution, 'distribution', 'distribution');
  const distribution = new Map<string, Placement[]>();
  for (const [name, entry] of Object.entries(distributionFile?.value.distribution ?? {})) {
    const ref: SourceRef = { file: MODEL_FILES.distribution, path: ['distribution', name] };
    if (!knownServices.has(name)) {
      at({ ...ref, key: true }, `unknown service '${name}'${suggest(name, knownServices.keys())}`);
      continue;
    }
    const service = services.get(name);
    if (distributionFile!.broken.has(name) || !entry || !service) continue;
    const entries = Array.isArray(entry)
      ? entry.map((target, i) => ({ target, container: undefined, path: [...ref.path, i] }))
      : entry.targets.map((t, i) => ({ ...t, path: [...ref.path, 'targets', i] }));
    const placements: Placement[] = [];
    for (const { target, container, path } of entries) {
      const placementRef: SourceRef = { file: ref.file, path };
      if (!knownTargets.has(target)) {
        at(placementRef, `unknown target '${target}'${suggest(target, knownTargets)}`);
        continue;
      }
      const targetModel = targets.get(target);
      if (!targetModel) continue;
      const kind = container ?? service.type;
      const offered = [...BUILTIN_CONTAINERS, ...Object.keys(targetModel.containers)];
      if (!offered.includes(kind)) {
        at(
          placementRef,
          `target '${target}' has no container '${kind}'` +
            (container ? '' : ` (the type of service '${name}')`) +
            ` (it offers: ${offered.join(', ')})`,
        );
        continue;
      }
      if (placements.some((p) => p.target === target && p.container === kind)) {
        at(placementRef, `service '${name}' is placed twice in container '${kind}' of target '${target}'`);
        continue;
      }
      placements.push({ target, container: kind, ref: placementRef });
    }
    if (placements.length > 0) distribution.set(name, placements);
  }

  // ---- each service's own fields and references --------------------------------------------------
  const templateFiles = new Map<string, string>();
  const packageDigests = new Map<string, string>();
  const hasDistribution = distributionFile !== undefined;
  const reported = new Set<string>();
  const atOnce: At = (ref, message) => {
    const id = JSON.stringify([ref, message]);
    if (!reported.has(id)) at(ref, message);
    reported.add(id);
  };
  for (const service of services.values()) {
    checkService(service, {
      at,
      atOnce,
      targets,
      reader,
      knownServices,
      services,
      pools,
      distribution,
      hasDistribution,
      templateFiles,
      packageDigests,
    });
  }
  checkCycles(services, at);

  const models: Models = {
    services: sortedMap(services),
    targets: sortedMap(targets),
    distribution: sortedMap(distribution),
    hasDistribution,
    pools: sortedMap(pools),
    templateFiles,
    packageDigests,
  };
  return problems.length > 0 ? { problems, sources } : { models, problems, sources };
}

type At = (ref: SourceRef, message: string) => void;
type CheckName = (kind: string, name: string, ref: SourceRef) => boolean;

function buildTarget(
  name: string,
  spec: Target,
  ref: SourceRef,
  at: At,
  checkName: CheckName,
): TargetModel | undefined {
  if (
    spec.hostKey !== undefined &&
    !/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(spec.hostKey)
  ) {
    at(
      { ...ref, path: [...ref.path, 'hostKey'] },
      "hostKey must be a public key line such as 'ssh-ed25519 AAAA...'",
    );
  }
  const containers = spec.containers ?? {};
  for (const container of Object.keys(containers)) {
    const containerRef = { ...ref, path: [...ref.path, 'containers', container] };
    if (!checkName('container', container, containerRef)) continue;
    if ((BUILTIN_CONTAINERS as readonly string[]).includes(container)) {
      at({ ...containerRef, key: true }, `container '${container}' is built in; it cannot be declared`);
    }
    const properties = containers[container] ?? {};
    const manager = properties.processManager;
    if (manager === undefined) continue;
    if (typeof manager !== 'string' || !CONTAINER_MANAGERS.includes(manager)) {
      at(
        { ...containerRef, path: [...containerRef.path, 'processManager'] },
        `processManager must be one of ${processManagers.join(', ')}, or package (drover only installs what is placed there)`,
      );
    } else {
      checkContainerProperties(properties, manager, containerRef, at);
    }
  }
  const user = spec.user ?? 'root';
  const unprivileged = spec.unprivileged ?? user !== 'root';
  const base: TargetBase = {
    name,
    user,
    unprivileged,
    processManager: spec.processManager ?? 'supervisord',
    stateDir: posix.normalize(spec.stateDir ?? defaultStateDir(user, unprivileged)).replace(/(.)\/$/, '$1'),
    numOfCores: spec.numOfCores ?? 1,
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
  const declared = renderers.get(manager)?.containerProperties ?? {};
  for (const [property, type] of Object.entries(declared).sort(([a], [b]) => compareStrings(a, b))) {
    if (!(property in properties)) continue;
    const problem = stringFormatViolation(properties[property], type === 'string' ? undefined : type);
    if (problem !== undefined) {
      at(
        { ...containerRef, path: [...containerRef.path, property] },
        `${property} (read by ${manager}): ${problem}`,
      );
    }
  }
}

/** Where drover keeps its state on a target: /var/lib/drover, or under the home of an unprivileged user. */
function defaultStateDir(user: string, unprivileged: boolean): string {
  return unprivileged && user !== 'root' ? `/home/${user}/.local/state/drover` : '/var/lib/drover';
}

function buildPools(file: ParsedFile<IdResourcesFile> | undefined, at: At, checkName: CheckName) {
  const pools = new Map<string, PoolModel>();
  if (!file) return pools;
  const entries: [string, Pool][] = Object.entries(file.value.pools).filter(
    ([name]) => checkName('pool', name, { file: file.file, path: ['pools', name] }) && !file.broken.has(name),
  );
  const specs = new Map(entries);
  for (const [name, spec] of entries) {
    const ref: SourceRef = { file: file.file, path: ['pools', name] };
    const field = (f: string): SourceRef => ({ ...ref, path: [...ref.path, f] });
    if (spec.follows !== undefined) {
      const extra = (['min', 'max', 'step', 'scope'] as const).filter((f) => spec[f] !== undefined);
      if (extra.length > 0) {
        at(
          field(extra[0]!),
          `pool '${name}' follows '${spec.follows}' and takes its range and scope; remove ${extra.join(', ')}`,
        );
        continue;
      }
      const leader = specs.get(spec.follows);
      if (!leader) {
        at(
          field('follows'),
          `pool '${name}' follows unknown pool '${spec.follows}'${suggest(spec.follows, specs.keys())}`,
        );
        continue;
      }
      if (leader.follows !== undefined) {
        at(
          field('follows'),
          `pool '${name}' follows '${spec.follows}', which follows another pool; follow '${leader.follows}' instead`,
        );
        continue;
      }
      continue; // filled in below, once every leader is built
    }
    if (spec.min === undefined || spec.max === undefined) {
      at(ref, `pool '${name}' needs min and max (or follows: another pool)`);
      continue;
    }
    if (spec.min > spec.max) {
      at(field('min'), `pool '${name}': min ${spec.min} is greater than max ${spec.max}`);
      continue;
    }
    pools.set(name, {
      name,
      min: spec.min,
      max: spec.max,
      step: spec.step ?? 1,
      scope: spec.scope ?? 'global',
      ref,
    });
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

interface ServiceCheckContext {
  at: At;
  /** Reports a problem once, however many services lead to it (a container they share). */
  atOnce: At;
  targets: ReadonlyMap<string, TargetModel>;
  reader: RepoReader;
  knownServices: ReadonlyMap<string, SourceRef>;
  services: ReadonlyMap<string, ServiceModel>;
  pools: ReadonlyMap<string, PoolModel>;
  distribution: ReadonlyMap<string, readonly Placement[]>;
  hasDistribution: boolean;
  templateFiles: Map<string, string>;
  packageDigests: Map<string, string>;
}

function checkService(service: ServiceModel, ctx: ServiceCheckContext): void {
  const { spec, ref, name } = service;
  const { at } = ctx;
  const field = (...path: YamlPath): SourceRef => ({ ...ref, path: [...ref.path, ...path] });
  const placed = ctx.distribution.has(name);

  for (const kind of ['dependsOn', 'activatesAfter', 'connectsTo'] as const) {
    for (const [i, dep] of (spec[kind] ?? []).entries()) {
      if (!ctx.knownServices.has(dep)) {
        at(field(kind, i), `unknown service '${dep}'${suggest(dep, ctx.knownServices.keys())}`);
        continue;
      }
      const target = ctx.services.get(dep);
      if (!target) continue;
      if (kind !== 'connectsTo' && target.type === 'package') {
        at(field(kind, i), `'${dep}' is a package: it is never activated, so it cannot be in ${kind}`);
      } else if (kind !== 'activatesAfter' && placed && ctx.hasDistribution && !ctx.distribution.has(dep)) {
        at(field(kind, i), `'${dep}' is not distributed to any target, so '${name}' cannot reach it`);
      }
    }
  }

  for (const [i, pool] of (spec.requiresUniqueIdsFor ?? []).entries()) {
    const model = ctx.pools.get(pool);
    if (!model) {
      at(field('requiresUniqueIdsFor', i), `unknown pool '${pool}'${suggest(pool, ctx.pools.keys())}`);
    } else if (model.follows && !spec.requiresUniqueIdsFor?.includes(model.follows)) {
      at(
        field('requiresUniqueIdsFor', i),
        `pool '${pool}' follows '${model.follows}': also require '${model.follows}'`,
      );
    } else if (model.scope === 'machine' && !ctx.hasDistribution) {
      at(field('requiresUniqueIdsFor', i), `pool '${pool}' is machine-scoped, which needs distribution.yaml`);
    }
  }

  if (service.type === 'package' && spec.process) {
    at(field('process'), `service '${name}' is a package: it is never activated, so it has no process`);
  }
  if (spec.process && spec.process.command === undefined && spec.process.daemon === undefined) {
    at(field('process'), "process needs 'command' (runs in the foreground) or 'daemon' (daemonises itself)");
  }
  for (const manager of Object.keys(spec.process?.overrides ?? {})) {
    if (!isProcessManager(manager)) {
      at(
        { ...field('process', 'overrides', manager), key: true },
        `unknown process manager '${manager}' (known: ${processManagers.join(', ')})`,
      );
    }
  }
  for (const kind of ['users', 'groups'] as const) {
    for (const account of Object.keys(spec.process?.credentials?.[kind] ?? {})) {
      if (!IDENTIFIER.test(account)) {
        at(
          { ...field('process', 'credentials', kind, account), key: true },
          `${kind === 'users' ? 'user' : 'group'} name '${account}' must be a plain identifier`,
        );
      }
    }
  }
  for (const placement of ctx.distribution.get(name) ?? []) {
    checkPlacement(service, placement, ctx);
  }

  if (spec.package !== undefined && !spec.package.startsWith('/')) {
    const path = checkRepoPath(spec.package, 'dir', field('package'), 'package', ctx);
    if (path) {
      const files = ctx.reader.files(path);
      for (const link of files.filter((f) => f.refused)) {
        at(field('package'), `package '${spec.package}': '${link.path}' ${REFUSED_LINK}`);
      }
      ctx.packageDigests.set(path, digestFiles(files));
    }
  }
  for (const [fileName, file] of Object.entries(spec.files ?? {})) {
    if (!file) continue;
    const fileRef = field('files', fileName);
    if (!IDENTIFIER.test(fileName)) {
      at(
        { ...fileRef, key: true },
        `file name '${fileName}' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)`,
      );
    }
    if ((file.template === undefined) === (file.content === undefined)) {
      at(
        fileRef,
        `file '${fileName}' needs exactly one of 'template' (a file of the repository) or 'content'`,
      );
    } else if (file.template !== undefined) {
      const path = checkRepoPath(
        file.template,
        'file',
        { ...fileRef, path: [...fileRef.path, 'template'] },
        'template',
        ctx,
      );
      if (path) ctx.templateFiles.set(path, ctx.reader.readText(path) ?? '');
    }
  }
  const check = spec.healthCheck;
  if (check) {
    const kinds = (['tcp', 'http', 'command'] as const).filter((k) => check[k] !== undefined);
    if (kinds.length !== 1) {
      at(
        field('healthCheck'),
        `healthCheck needs exactly one of tcp, http or command${kinds.length > 1 ? ` (found ${kinds.join(', ')})` : ''}`,
      );
    }
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
  if (!isProcessManager(manager)) {
    ctx.at(
      placement.ref,
      `drover cannot activate service '${name}' in container '${container}' of target '${targetName}': ` +
        `no process manager runs that container; give it a processManager (${processManagers.join(', ')}), ` +
        `or processManager: package to only install what is placed there, or place the service in 'package'`,
    );
    return;
  }
  if (!spec.process) {
    ctx.at(
      placement.ref,
      `service '${name}' runs in container '${container}' on '${targetName}' but has no process block`,
    );
  }
  const declared = target.containers[container];
  // A container without a processManager of its own is run by the manager the service's type names.
  if (declared && declared.processManager === undefined) {
    const containerRef: SourceRef = { ...target.ref, path: [...target.ref.path, 'containers', container] };
    checkContainerProperties(declared, manager, containerRef, ctx.atOnce);
  }
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
          at(
            { ...service.ref, path: [...service.ref.path, kind, index] },
            `dependency cycle: ${cycle.join(' -> ')}`,
          );
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
function suggest(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

function sortedMap<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => compareStrings(a, b)));
}
