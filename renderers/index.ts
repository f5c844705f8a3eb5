/**
 * The explicit registry of renderers, one per process manager: the one list of process managers (the
 * schema's enum, the ProcessManager type and validation follow it; test/registries.test.ts guards it).
 * A 'package' unit has no renderer: it is only installed, and planned from its resolved spec alone.
 */
import { bsdrc } from './bsdrc.ts';
import { docker } from './docker.ts';
import { launchd } from './launchd.ts';
import { processRenderer } from './process.ts';
import { s6 } from './s6.ts';
import { supervisord } from './supervisord.ts';
import { systemd } from './systemd.ts';
import { sysvinit } from './sysvinit.ts';
import { fileset } from './modules/fileset.ts';
import { mysqlDatabase } from './modules/mysql-database.ts';
import { nginxWebapplication } from './modules/nginx-webapplication.ts';
import { postgresqlDatabase } from './modules/postgresql-database.ts';
import { wrapper } from './modules/wrapper.ts';
import type { Renderer } from './types.ts';

const registered = [supervisord, systemd, s6, sysvinit, bsdrc, launchd, docker, processRenderer] as const;

/** A process manager drover renders for; 'process' means a program drover runs itself, with no manager. */
export type ProcessManager = (typeof registered)[number]['manager'];

/** Every renderer drover has, by manager name: the one list of process managers. */
export const renderers: ReadonlyMap<string, Renderer> = new Map<string, Renderer>(
  registered.map((r) => [r.manager, r]),
);

/** The names of the process managers drover renders for, in registry order. */
export const processManagers: readonly ProcessManager[] = registered.map((r) => r.manager);

/** True when drover has a renderer for `name`. */
export function isProcessManager(name: unknown): name is ProcessManager {
  return typeof name === 'string' && renderers.has(name);
}

const modules = [fileset, wrapper, postgresqlDatabase, mysqlDatabase, nginxWebapplication] as const;

/** The activation modules (renderers/modules/), by name: what activates a service that is not a process. */
export const activationModules: ReadonlyMap<string, Renderer> = new Map<string, Renderer>(
  modules.map((m) => [m.manager, m]),
);

/** True when `name` is an activation module: its services need no process block. */
export function isActivationModule(name: string): boolean {
  return activationModules.has(name);
}

/** The renderer of a process manager or of an activation module. */
export function rendererOf(manager: string): Renderer | undefined {
  return renderers.get(manager) ?? activationModules.get(manager);
}

/**
 * What renders a unit of `manager`: a process manager's renderer when the unit has a process to run, an
 * activation module's always; none for a package (only installed).
 */
export function unitRenderer(manager: string, hasProcess: boolean): Renderer | undefined {
  return hasProcess ? rendererOf(manager) : activationModules.get(manager);
}
