/**
 * Turns validated models plus assigned IDs into deployment units: one per (service, target, container),
 * every template resolved, with a hash over everything that ends up on the target for it plus the hashes
 * of what it depends on (so that a change cascades to dependents, as in Disnix).
 */
import { parseDuration } from './duration.ts';
import { posix } from 'node:path';
import type { HealthCheck, Process, ConfigFile } from '../../schema/generated/services.ts';
import { cached } from './memo.ts';
import { unitRenderer } from '../../renderers/index.ts';
import {
  RenderError,
  type RenderedUnit,
  type ResolvedAccount,
  type ResolvedFile,
  type ResolvedHealthCheck,
  type ResolvedProcess,
  type TargetDirs,
  type UnitSpec,
} from '../../renderers/types.ts';
import type { CapturedTarget } from '../../schema/generated/captured.ts';
import { sha256 } from './hashing.ts';
import { guarded, leaseFileOf } from './lease.ts';
import type { IdsDocument } from './ids.ts';
import { managerOf, normalizeRepoPath, type SourceSet } from './models/load.ts';
import {
  serviceField,
  type Models,
  type Placement,
  type ServiceModel,
  type TargetModel,
} from './models/types.ts';
import type { SourceRef, YamlPath } from './models/yaml-source.ts';
import { compareStrings, type Problem } from './problems.ts';
import {
  isTemplate,
  parseTemplate,
  positionIn,
  renderTemplate,
  type ParsedTemplate,
  type TemplateContext,
} from './templates.ts';

/** Identifies a unit: a service in a container on a target. */
export interface UnitKey {
  service: string;
  target: string;
  container: string;
}

/** A deployment unit with its content hashes. */
export interface Unit extends UnitKey {
  spec: UnitSpec;
  /** Hash of the unit's own content (rendered files, package, resolved templates). */
  specHash: string;
  /** specHash plus the hashes of every unit of its dependsOn/activatesAfter services. */
  hash: string;
  /** Services it is activated after (dependsOn, activatesAfter, the providers of its containers), sorted. */
  dependsOn: string[];
  /** What its manager's renderer makes of it; none for packages (install only). */
  rendered?: RenderedUnit;
}

/** Units, or the template problems that prevented resolving them. */
export interface UnitResolution {
  units: Unit[];
  problems: Problem[];
}

const DEFAULT_HEALTH_TIMEOUT_MS = 10_000;

/** A stable text key for a unit. */
export function unitId(key: UnitKey): string {
  return `${key.service}@${key.target}/${key.container}`;
}

/** Orders unit keys by service, target, container. */
export function compareUnitKeys(a: UnitKey, b: UnitKey): number {
  return (
    compareStrings(a.service, b.service) ||
    compareStrings(a.target, b.target) ||
    compareStrings(a.container, b.container)
  );
}

/**
 * The value of an own property of a record, never one Object.prototype lends it: a service, pool, target
 * or user may be called `constructor` or `toString`.
 */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Well-known folders under a target's stateDir. */
export function targetDirs(stateDir: string): TargetDirs {
  return {
    state: stateDir,
    runtime: `${stateDir}/run`,
    log: `${stateDir}/log`,
    tmp: `${stateDir}/tmp`,
    cache: `${stateDir}/cache`,
  };
}

/**
 * What resolving keeps of each unit besides its spec, after rendering it to check it, by what the caller
 * reads next: its rendered output ('rendered': deploying, `drover render`), only the hash of its content
 * ('hashes': planning), or neither ('checked': `drover validate`). What is not kept is computed again
 * when read, the same: the choice changes time and memory (thousands of renderings), never a result.
 */
export type UnitDetail = 'rendered' | 'hashes' | 'checked';

/** Resolves every unit of the models with the given IDs. */
export function resolveUnits(
  models: Models,
  ids: IdsDocument,
  sources: SourceSet,
  detail: UnitDetail = 'rendered',
): UnitResolution {
  const errors = new TemplateErrors(models, sources);
  const shared = new SharedContexts(models, ids, errors);
  // Services in dependency order, so that a unit's local dependencies already have their startOrder.
  const topological: ResolvedUnit[] = [];
  const unitsByService = new Map<string, ResolvedUnit[]>();
  let hashed = false;
  // Hashes are computed on first use, all at once in dependency order: `validate` never needs them.
  const hashAll = () => {
    if (hashed) return;
    hashed = true;
    for (const unit of topological) {
      const depHashes = orderingDependencies(models.services.get(unit.service)!)
        .flatMap((d) => unitsByService.get(d) ?? [])
        .map((u) => `${unitId(u)}=${u.hash}`)
        .sort(compareStrings);
      unit.setHashes(depHashes);
    }
  };
  for (const name of serviceOrder(models)) {
    const service = models.services.get(name)!;
    // Activated after its dependencies and the providers of its containers; only the former cascade.
    const dependsOn = activationDependencies(service, models);
    const list: ResolvedUnit[] = [];
    for (const placement of models.distribution.get(name) ?? []) {
      const spec = resolveSpec(service, placement, shared, errors);
      if (!spec) continue;
      const localUnits = dependsOn.flatMap((d) =>
        (unitsByService.get(d) ?? []).filter((u) => u.target === placement.target),
      );
      spec.localDependencies = [...new Set(localUnits.map((u) => u.service))];
      spec.startOrder = 1 + Math.max(0, ...localUnits.map((u) => u.spec.startOrder));
      const key = { service: name, ...placement };
      const rendered = render(spec, service, key, errors);
      // Once a unit is wrong, no unit is returned: hashing the rest would be wasted.
      const keep = errors.count > 0 ? 'checked' : detail;
      list.push(new ResolvedUnit(key, spec, dependsOn, rendered, keep, hashAll));
    }
    unitsByService.set(name, list);
    topological.push(...list);
  }
  if (errors.count > 0) return { units: [], problems: errors.problems() };
  return { units: [...topological].sort(compareUnitKeys), problems: [] };
}

/** A unit whose hashes are computed when first read, and its rendered output too unless it was kept. */
class ResolvedUnit implements Unit {
  readonly service: string;
  readonly target: string;
  readonly container: string;
  private hashes: { specHash: string; hash: string } | undefined;
  /** The hash of its own content, when computed before its rendered output was dropped. */
  private contentHash: string | undefined;
  /** Its rendered output, once kept (`output` is then set, undefined for a unit no manager runs). */
  private kept = false;
  private output: RenderedUnit | undefined;

  constructor(
    key: UnitKey,
    readonly spec: UnitSpec,
    readonly dependsOn: string[],
    rendered: RenderedUnit | undefined,
    detail: UnitDetail,
    private readonly hashAll: () => void,
  ) {
    this.service = key.service;
    this.target = key.target;
    this.container = key.container;
    if (detail === 'rendered' || rendered === undefined) {
      this.kept = true;
      this.output = rendered;
    } else if (detail === 'hashes') {
      this.contentHash = hashContent(spec, rendered);
    }
  }

  get rendered(): RenderedUnit | undefined {
    if (!this.kept) {
      this.output = renderSpec(this.spec);
      this.kept = true;
    }
    return this.output;
  }

  get specHash(): string {
    if (!this.hashes) this.hashAll();
    return this.hashes!.specHash;
  }

  get hash(): string {
    if (!this.hashes) this.hashAll();
    return this.hashes!.hash;
  }

  /** Sets its hashes, given those of the units it depends on (`unit@target/container=hash`, sorted). */
  setHashes(depHashes: string[]): void {
    // Rendered again if dropped, but not kept: only what was asked for stays in memory.
    const specHash =
      this.contentHash ?? hashContent(this.spec, this.kept ? this.output : renderSpec(this.spec));
    const hash = depHashes.length === 0 ? specHash : sha256(`${specHash}\n${depHashes.join('\n')}`);
    this.hashes = { specHash, hash };
    this.contentHash = undefined;
  }
}

/** What the manager's renderer makes of a unit that rendered without problem before (none for a package). */
function renderSpec(spec: UnitSpec): RenderedUnit | undefined {
  return unitRenderer(spec.manager, spec.process !== undefined)?.render(spec);
}

const noStateToMove = (service: string) =>
  `${service}: deployState moves the state an activation module keeps (postgresql-database, mysql-database): it has none drover can snapshot and restore`;

/** Renders a unit for its manager; a value the manager cannot carry becomes a problem at its field. */
function render(
  spec: UnitSpec,
  service: ServiceModel,
  key: UnitKey,
  errors: TemplateErrors,
): RenderedUnit | undefined {
  const renderer = unitRenderer(spec.manager, spec.process !== undefined);
  if (!renderer) {
    if (service.spec.deployState === true)
      errors.add(serviceField(service, 'deployState'), noStateToMove(service.name), key);
    return undefined;
  }
  try {
    const rendered = renderer.render(spec);
    const { snapshot, restore } = rendered.commands;
    if (service.spec.deployState === true && (snapshot === undefined || restore === undefined))
      errors.add(serviceField(service, 'deployState'), noStateToMove(service.name), key);
    return rendered;
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    errors.add(serviceField(service, ...error.field), error.message, key);
    return undefined;
  }
}

/**
 * The hash of a unit's own content: its resolved spec and what its renderer puts on the target (files
 * and where they are linked). Not the commands drover drives the manager with, nor its setup: those
 * follow from the spec, and a newer drover that words them differently must not restart every unit.
 * Specs and rendered output are built with every map in sorted order (a test shuffles the models to
 * check), so plain JSON.stringify is canonical here, and several times faster than a sorting serializer.
 */
function hashContent(spec: UnitSpec, rendered: RenderedUnit | undefined): string {
  return sha256(
    JSON.stringify(rendered ? { spec, files: rendered.files, install: rendered.install } : { spec }),
  );
}

const orderingDependencyCache = new WeakMap<ServiceModel, string[]>();

/** dependsOn and activatesAfter, deduplicated and sorted. */
function orderingDependencies(service: ServiceModel): string[] {
  return cached(orderingDependencyCache, service, () =>
    [...new Set([...(service.spec.dependsOn ?? []), ...(service.spec.activatesAfter ?? [])])].sort(
      compareStrings,
    ),
  );
}

/**
 * What a service is activated after: its dependsOn and activatesAfter, and the services that provide the
 * containers it is placed in (their units on its targets), sorted. A provider does not cascade: only its
 * container's properties reach the service's units (and their hashes).
 */
function activationDependencies(service: ServiceModel, models: Models): string[] {
  return cached(activationDependencyCache, service, () => {
    const providers = (models.distribution.get(service.name) ?? []).flatMap((p) => {
      const provider = own(models.targets.get(p.target)!.providers, p.container);
      return provider !== undefined && provider !== service.name ? [provider] : [];
    });
    const ordering = orderingDependencies(service);
    return providers.length === 0 ? ordering : [...new Set([...ordering, ...providers])].sort(compareStrings);
  });
}

const activationDependencyCache = new WeakMap<ServiceModel, string[]>();

/** Service names, every service after its dependsOn/activatesAfter dependencies and providers (no cycles). */
function serviceOrder(models: Models): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const stack: [string, number][] = [];
  for (const root of models.services.keys()) {
    if (seen.has(root)) continue;
    seen.add(root);
    stack.push([root, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const deps = activationDependencies(models.services.get(top[0])!, models);
      const next = deps[top[1]++];
      if (next === undefined) {
        order.push(top[0]);
        stack.pop();
      } else if (!seen.has(next) && models.services.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    }
  }
  return order;
}

/**
 * What the units of one resolution share, each built once and never modified: thousands of units share
 * a target, a template, a dependency or a service's IDs.
 */
class SharedContexts {
  private readonly idsByService = new Map<ServiceModel, TemplateContext>();
  private readonly depsByPlacement = new Map<Placement, TemplateContext>();
  private readonly instancesByPlacement = new Map<Placement, TemplateContext>();
  private readonly instancesByService = new Map<ServiceModel, TemplateContext[]>();
  private readonly repoPaths = new Map<string, string>();
  private readonly providedByTarget = new Map<TargetModel, Map<string, TemplateContext>>();

  constructor(
    readonly models: Models,
    readonly ids: IdsDocument,
    private readonly errors: TemplateErrors,
  ) {}

  /** The service's IDs by pool, pools sorted (see idsOf). */
  idsOf(service: ServiceModel): TemplateContext {
    return cached(this.idsByService, service, () => idsOf(service, this.ids));
  }

  /**
   * A dependency as the templates of its dependents see it: at the placement they reach, and every one of
   * its instances (`instances`, by target name), to loop over.
   */
  dependency(dep: ServiceModel, chosen: Placement): TemplateContext {
    return cached(this.depsByPlacement, chosen, () => ({
      ...this.instance(dep, chosen),
      instances: this.instancesOf(dep),
    }));
  }

  /**
   * One instance of a dependency: where it runs, its IDs and its attributes, resolved against the rest
   * (a mistake in one is reported at the attribute, once).
   */
  instance(dep: ServiceModel, placement: Placement): TemplateContext {
    return cached(this.instancesByPlacement, placement, () => {
      const target = this.models.targets.get(placement.target)!;
      const own: TemplateContext = {
        name: dep.instance?.of ?? dep.name,
        instanceName: dep.name,
        target: targetContext(target),
        container: this.container(target, placement.container),
        ids: this.idsOf(dep),
      };
      const key: UnitKey = { service: dep.name, target: placement.target, container: placement.container };
      const attributes = Object.entries(dep.spec.attributes ?? {})
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([name, value]) => [
          name,
          this.errors.resolve(String(value), fieldOf(dep, 'attributes', name), own, key),
        ]);
      return { ...own, attributes: Object.fromEntries(attributes) as TemplateContext };
    });
  }

  /**
   * A container as templates see it: declared by the target, or provided by a service placed there, its
   * properties then resolved against that service (a mistake is reported at the property, once).
   */
  container(target: TargetModel, container: string): TemplateContext {
    const provider = own(target.providers, container);
    if (provider === undefined) return containerContext(target, container);
    const byName = cached(this.providedByTarget, target, () => new Map<string, TemplateContext>());
    return cached(byName, container, () => {
      const service = this.models.services.get(provider)!;
      const placement = this.models.distribution.get(provider)!.find((p) => p.target === target.name)!;
      const own = this.instance(service, placement);
      const key: UnitKey = { service: provider, target: target.name, container: placement.container };
      const properties = Object.entries(target.containers[container] ?? {})
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([name, value]) => [
          name,
          this.errors.resolve(
            String(value),
            fieldOf(service, 'provides', 'containers', container, name),
            own,
            key,
          ),
        ]);
      return { name: container, properties: Object.fromEntries(properties) as TemplateContext };
    });
  }

  /** Every instance of a dependency, by target name. */
  instancesOf(dep: ServiceModel): TemplateContext[] {
    return cached(this.instancesByService, dep, () =>
      [...(this.models.distribution.get(dep.name) ?? [])]
        .sort((a, b) => compareStrings(a.target, b.target) || compareStrings(a.container, b.container))
        .map((placement) => this.instance(dep, placement)),
    );
  }

  /** A repository path as normalizeRepoPath writes it. */
  repoPath(path: string): string {
    return cached(this.repoPaths, path, () => normalizeRepoPath(path));
  }
}

const reachableCache = new WeakMap<ServiceModel, string[]>();

/** dependsOn and connectsTo, deduplicated, in the order written: the services whose values templates see. */
function reachable(service: ServiceModel): string[] {
  return cached(reachableCache, service, () => [
    ...new Set([...(service.spec.dependsOn ?? []), ...(service.spec.connectsTo ?? [])]),
  ]);
}

/** The values templates of one unit may refer to. */
function unitContext(service: ServiceModel, placement: Placement, shared: SharedContexts): TemplateContext {
  const { models } = shared;
  const target = models.targets.get(placement.target)!;
  // Keyed by service names: an object without prototype is a dictionary from the start, where a plain
  // one would give nearly every unit's context a hidden class of its own (thousands, each built and kept).
  const deps = Object.create(null) as TemplateContext;
  for (const dep of reachable(service)) {
    const placements = models.distribution.get(dep);
    const depService = models.services.get(dep);
    if (!placements || !depService) continue;
    // A dependency on several targets: the one on the same target if there is one, else the first listed.
    const chosen = placements.find((p) => p.target === placement.target) ?? placements[0]!;
    deps[dep] = shared.dependency(depService, chosen);
  }
  // The instances of a definition it reaches, seen together under the definition's name, to loop over.
  const grouped = new Map<string, TemplateContext[]>();
  for (const dep of [...reachable(service)].sort(compareStrings)) {
    const of = models.services.get(dep)?.instance?.of;
    if (of !== undefined && models.distribution.has(dep))
      grouped.set(of, [...(grouped.get(of) ?? []), ...shared.instancesOf(models.services.get(dep)!)]);
  }
  for (const [of, instances] of grouped) deps[of] = { name: of, instances };
  const dirs = targetDirs(target.stateDir);
  const context: TemplateContext = {
    name: service.instance?.of ?? service.name,
    instanceName: service.name,
    ids: shared.idsOf(service),
    target: targetContext(target),
    container: shared.container(target, placement.container),
    dirs: { ...dirs },
    runDir: runDirOf(dirs, service.name),
    tmpDir: tmpDirOf(dirs, service.name),
    deps,
  };
  const pkg = packageOf(service, target, models);
  if (pkg !== undefined) context.package = pkg.path;
  return context;
}

const targetContexts = new WeakMap<TargetModel, TemplateContext>();

/** A target as templates see it (cached: thousands of units share a target, and contexts are never modified). */
function targetContext(target: TargetModel): TemplateContext {
  return cached(targetContexts, target, () => {
    const context: TemplateContext = {
      name: target.name,
      ...addressOf(target),
      user: target.user,
      stateDir: target.stateDir,
      properties: stringify(target.properties),
    };
    if (target.system !== undefined) context.system = target.system;
    if (target.captured !== undefined) context.captured = capturedContext(target.captured);
    return context;
  });
}

/** What `drover capture` found, as templates see it: its scalars, and the managers comma-separated. */
function capturedContext(captured: CapturedTarget): TemplateContext {
  const context: TemplateContext = { time: captured.time };
  for (const key of ['system', 'cores', 'memory', 'os', 'systemdPid1'] as const)
    if (captured[key] !== undefined) context[key] = String(captured[key]);
  if (captured.managers !== undefined) context.managers = captured.managers.join(',');
  return context;
}

/** Where templates see a target: its SSH address, or localhost for the machine drover runs on. */
function addressOf(target: TargetModel): TemplateContext {
  switch (target.transport) {
    case 'ssh':
      return { hostname: target.hostname, port: target.port };
    case 'local':
      return { hostname: 'localhost' };
  }
}

/** A service's own run folder on a target: its PID file by default, owned by the user it runs as. */
function runDirOf(dirs: TargetDirs, service: string): string {
  return `${dirs.runtime}/${service}`;
}

/** A service's own temporary folder on a target, owned like its run folder. */
function tmpDirOf(dirs: TargetDirs, service: string): string {
  return `${dirs.tmp}/${service}`;
}

const containerContexts = new WeakMap<TargetModel, Map<string, TemplateContext>>();

/** A container of a target as templates see it (cached like targetContext). */
function containerContext(target: TargetModel, container: string): TemplateContext {
  const byName = cached(containerContexts, target, () => new Map<string, TemplateContext>());
  return cached(byName, container, () => {
    const properties = own(target.containers, container) ?? {};
    const sorted = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => compareStrings(a, b)));
    return { name: container, properties: stringify(sorted) };
  });
}

function idsOf(service: ServiceModel, ids: IdsDocument): TemplateContext {
  const out: [string, number][] = [];
  for (const pool of [...(service.spec.requiresUniqueIdsFor ?? [])].sort(compareStrings)) {
    const id = own(own(ids.ids, pool), service.name);
    if (id !== undefined) out.push([pool, id]);
  }
  return Object.fromEntries(out);
}

function stringify(values: Record<string, string | number | boolean>): TemplateContext {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

/**
 * Where a service's package lives on a target: a store path named after its content (with its repository
 * source and digest), or the absolute path the model gives.
 */
function packageOf(service: ServiceModel, target: TargetModel, models: Models): UnitSpec['package'] {
  const pkg = service.spec.package;
  if (pkg === undefined) return undefined;
  if (pkg.startsWith('/')) return { path: pkg };
  const source = normalizeRepoPath(pkg);
  const digest = models.packageDigests.get(source) ?? '';
  return {
    path: `${target.stateDir}/store/${digest.slice(0, 32)}-${posix.basename(source)}`,
    source,
    digest,
  };
}

/** What resolving one unit's spec works from. */
interface SpecInputs {
  service: ServiceModel;
  target: TargetModel;
  key: UnitKey;
  shared: SharedContexts;
  errors: TemplateErrors;
  /** errors.count before this unit: a problem that may only follow from an earlier one is not reported. */
  errorsBefore: number;
}

/** Resolves a template value of a unit at a field of its service; plain values pass through. */
type Resolve = (value: string | number | boolean, ...path: YamlPath) => string;

/** Resolves one unit's spec; template errors go to `errors`. */
function resolveSpec(
  service: ServiceModel,
  placement: Placement,
  shared: SharedContexts,
  errors: TemplateErrors,
): UnitSpec | undefined {
  const target = shared.models.targets.get(placement.target)!;
  const context = unitContext(service, placement, shared);
  const key: UnitKey = { service: service.name, target: placement.target, container: placement.container };
  const inputs: SpecInputs = { service, target, key, shared, errors, errorsBefore: errors.count };

  // Its attributes are its dependents', but checked here too.
  shared.instance(service, placement);
  // Files first: their store folder is named after their content, and process fields may refer to it.
  const files = resolveFiles(inputs, context);
  // The context is this unit's own: the process and health check see the files too.
  context.files = Object.fromEntries(files.map((f) => [f.name, f.path]));
  const t = resolverIn(inputs, context);
  const unit = baseSpec(inputs, files);
  const spec = service.spec;
  if (spec.process) {
    const process = resolveProcess(inputs, spec.process, t);
    // An exclusive service runs under its lease (see lease.ts).
    unit.process =
      spec.exclusive === true ? guarded(process, leaseFileOf(target.stateDir, service.name)) : process;
  }
  if (spec.healthCheck) unit.healthCheck = resolveHealthCheck(inputs, spec.healthCheck, t);
  return errors.count === inputs.errorsBefore ? unit : undefined;
}

/** A resolver of template values against `context`. */
function resolverIn(inputs: SpecInputs, context: TemplateContext): Resolve {
  const { service, key, errors } = inputs;
  // The SourceRef is only built for a value that holds a template: most values are plain.
  return (value, ...path) => {
    const plain = String(value);
    return isTemplate(plain) ? errors.resolve(plain, fieldOf(service, ...path), context, key) : plain;
  };
}

/** The place of a field of a service's definition. */
function fieldOf(service: ServiceModel, ...path: YamlPath): SourceRef {
  return serviceField(service, ...path);
}

/** The unit's files, resolved, in a store folder named after their content. */
function resolveFiles(inputs: SpecInputs, context: TemplateContext): ResolvedFile[] {
  const { service, target, key, errors, shared } = inputs;
  const text = resolverIn(inputs, context);
  const contents: Omit<ResolvedFile, 'path'>[] = [];
  for (const [name, file] of sortedFiles(service)) {
    if (!file) continue;
    const content =
      file.template !== undefined
        ? errors.resolveFile(shared.repoPath(file.template), context, key)
        : text(file.content ?? '', 'files', name, 'content');
    contents.push({ name, content, mode: file.mode ?? '0644' });
  }
  const filesDir = `${target.stateDir}/store/${sha256(JSON.stringify(contents)).slice(0, 32)}-${service.name}-files`;
  return contents.map((f) => ({ ...f, path: `${filesDir}/${f.name}` }));
}

const sortedFilesCache = new WeakMap<ServiceModel, [string, ConfigFile | undefined][]>();

/** A service's files, sorted by name. */
function sortedFiles(service: ServiceModel): [string, ConfigFile | undefined][] {
  return cached(sortedFilesCache, service, () =>
    Object.entries(service.spec.files ?? {}).sort(([a], [b]) => compareStrings(a, b)),
  );
}

/** The unit's spec without its process and health check: where it runs, its IDs, files and package. */
function baseSpec(inputs: SpecInputs, files: ResolvedFile[]): UnitSpec {
  const { service, target, key, shared } = inputs;
  const dirs = targetDirs(target.stateDir);
  const unit: UnitSpec = {
    service: service.name,
    instanceName: service.name,
    target: key.target,
    container: key.container,
    manager: managerOf(target, key.container, service.type),
    containerProperties: {
      ...(shared.container(target, key.container).properties as Record<string, string>),
    },
    dirs,
    unitDir: `${target.stateDir}/units/${key.container === 'process' ? service.name : `${service.name}@${key.container}`}`,
    runDir: runDirOf(dirs, service.name),
    tmpDir: tmpDirOf(dirs, service.name),
    privileged: !target.unprivileged,
    ids: { ...(shared.idsOf(service) as Record<string, number>) },
    files,
    localDependencies: [],
    startOrder: 1,
  };
  if (service.spec.description !== undefined) unit.description = service.spec.description;
  const pkg = packageOf(service, target, shared.models);
  if (pkg !== undefined) unit.package = pkg;
  return unit;
}

/** The process block with its templates resolved, its accounts and the defaults filled in. */
function resolveProcess(inputs: SpecInputs, p: Process, t: Resolve): ResolvedProcess {
  const { service, target, shared } = inputs;
  const process: ResolvedProcess = {
    args: (p.args ?? []).map((a, i) => t(a, 'process', 'args', i)),
    daemonArgs: (p.daemonArgs ?? []).map((a, i) => t(a, 'process', 'daemonArgs', i)),
    pidFile:
      p.pidFile !== undefined
        ? t(p.pidFile, 'process', 'pidFile')
        : `${runDirOf(targetDirs(target.stateDir), service.name)}/${service.name}.pid`,
    environment: Object.fromEntries(
      Object.entries(p.environment ?? {})
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([k, v]) => [k, t(v ?? '', 'process', 'environment', k)]),
    ),
    credentials: credentialsOf(service, shared.ids),
    overrides: resolveDeep(p.overrides ?? {}, ['process', 'overrides'], t) as Record<
      string,
      Record<string, unknown>
    >,
  };
  if (p.command !== undefined) process.command = t(p.command, 'process', 'command');
  if (p.daemon !== undefined) process.daemon = t(p.daemon, 'process', 'daemon');
  if (p.directory !== undefined) process.directory = t(p.directory, 'process', 'directory');
  if (p.user !== undefined) process.user = p.user;
  if (p.group !== undefined) process.group = p.group;
  if (p.umask !== undefined) process.umask = p.umask.padStart(4, '0');
  if (p.nice !== undefined) process.nice = p.nice;
  return process;
}

/** The health check with its templates resolved; a tcp address must come out as HOST:PORT. */
function resolveHealthCheck(inputs: SpecInputs, check: HealthCheck, t: Resolve): ResolvedHealthCheck {
  const timeoutMs =
    (check.timeout !== undefined ? parseDuration(check.timeout) : undefined) ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const healthCheck: ResolvedHealthCheck = { timeoutMs };
  if (check.http !== undefined) healthCheck.http = t(check.http, 'healthCheck', 'http');
  if (check.command !== undefined) {
    healthCheck.command = check.command.map((a, i) => t(a, 'healthCheck', 'command', i));
  }
  if (check.tcp !== undefined) {
    const address = t(check.tcp, 'healthCheck', 'tcp');
    const match = /^(.*):(\d+)$/.exec(address);
    if (match && Number(match[2]) <= 65535) {
      healthCheck.tcp = { host: match[1] || '127.0.0.1', port: Number(match[2]) };
    } else if (inputs.errors.count === inputs.errorsBefore) {
      const message = `healthCheck tcp must be HOST:PORT, got '${address}'`;
      inputs.errors.add(fieldOf(inputs.service, 'healthCheck', 'tcp'), message, inputs.key);
    }
  }
  return healthCheck;
}

/**
 * Users and groups to create. The service's own user (process.user) gets its uid from the 'uids' pool and
 * its group (process.group, else that user's group) its gid from 'gids', when the service asks for them;
 * other accounts get no fixed ID, so that two accounts never share one.
 */
function credentialsOf(service: ServiceModel, ids: IdsDocument): ResolvedProcess['credentials'] {
  const process = service.spec.process;
  const credentials = process?.credentials ?? {};
  const id = (pool: string) =>
    service.spec.requiresUniqueIdsFor?.includes(pool) ? own(own(ids.ids, pool), service.name) : undefined;
  const ownGroup =
    process?.group ?? (process?.user !== undefined ? own(credentials.users, process.user)?.group : undefined);
  const account = (
    name: string,
    owner: string | undefined,
    pool: string,
    extra: Partial<ResolvedAccount>,
  ) => {
    const out: ResolvedAccount = sortedFields({ name, ...extra });
    const value = name === owner ? id(pool) : undefined;
    if (value !== undefined) out.id = value;
    return out;
  };
  return {
    users: Object.entries(credentials.users ?? {})
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([name, u]) => account(name, process?.user, 'uids', sortedFields(u ?? {}))),
    groups: Object.keys(credentials.groups ?? {})
      .sort(compareStrings)
      .map((name) => account(name, ownGroup, 'gids', {})),
  };
}

function sortedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => compareStrings(a, b))) as T;
}

function resolveDeep(value: unknown, path: YamlPath, t: (v: string, ...path: YamlPath) => string): unknown {
  if (typeof value === 'string') return t(value, ...path);
  if (Array.isArray(value)) return value.map((v, i) => resolveDeep(v, [...path, i], t));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([k, v]) => [k, resolveDeep(v, [...path, k], t)]),
    );
  }
  return value;
}

/**
 * Collects template problems. The same mistake in a service placed on many targets is reported once,
 * naming the targets only when it does not concern all of the service's targets.
 */
class TemplateErrors {
  private readonly parsed = new Map<string, ParsedTemplate>();
  private readonly byPlace = new Map<string, { problem: Problem; service: string; targets: Set<string> }>();
  count = 0;

  constructor(
    private readonly models: Models,
    private readonly sources: SourceSet,
  ) {}

  resolve(value: string, ref: SourceRef, context: TemplateContext, unit: UnitKey): string {
    if (!isTemplate(value)) return value;
    const result = renderTemplate(this.parse(value), context);
    if (result.ok) return result.text;
    for (const error of result.errors) this.add(ref, error.message, unit);
    return value;
  }

  resolveFile(path: string, context: TemplateContext, unit: UnitKey): string {
    const text = this.models.templateFiles.get(path) ?? '';
    if (!isTemplate(text)) return text;
    const result = renderTemplate(this.parse(text), context);
    if (result.ok) return result.text;
    for (const error of result.errors) {
      const [line, col] = positionIn(text, error.index);
      this.record({ file: path, line, col, message: error.message }, unit);
    }
    return text;
  }

  /** Parses each distinct template text once: thousands of units share a few templates. */
  private parse(text: string): ParsedTemplate {
    return cached(this.parsed, text, () => parseTemplate(text));
  }

  add(ref: SourceRef, message: string, unit: UnitKey): void {
    this.record(this.sources.problem(ref, message), unit);
  }

  private record(problem: Problem, unit: UnitKey): void {
    this.count++;
    const key = `${problem.file}:${problem.line}:${problem.col}:${problem.message}:${unit.service}`;
    const entry = this.byPlace.get(key) ?? { problem, service: unit.service, targets: new Set<string>() };
    entry.targets.add(unit.target);
    this.byPlace.set(key, entry);
  }

  problems(): Problem[] {
    const out = new Map<string, Problem>();
    for (const { problem, service, targets } of this.byPlace.values()) {
      const placed = new Set((this.models.distribution.get(service) ?? []).map((p) => p.target));
      const message =
        targets.size < placed.size
          ? `${problem.message} (on target ${[...targets].sort(compareStrings).join(', ')})`
          : problem.message;
      const located = { ...problem, message };
      out.set(`${located.file}:${located.line}:${located.col}:${message}`, located);
    }
    return [...out.values()];
  }
}
