/* Generated from schema/manifest.schema.json by `npm run gen:types`. Do not edit. */

export type Argv = string[];
export type Argvs = Argv[];
/**
 * Starts it unless it runs; boot runs it after the generation's other setup commands.
 */
export type Argv1 = string[];
/**
 * Starts the units named after a `--` argument, first stopping those named before it (their former configuration), in one command.
 */
export type Argv2 = string[];

/**
 * <stateDir>/generations/<n>.json on a target: what one generation deployed there, with what it takes to stop, check or restart each unit later without the models. Written and read by drover only.
 */
export interface ManifestFile {
  /**
   * The format of this file; drover refuses a version it does not know. Manifests written before versions existed have none.
   */
  version?: 1;
  generation: number;
  /**
   * The run that made it (one run makes a generation on every target it changed).
   */
  deployment?: string;
  commit?: string;
  time: string;
  units: Unit[];
}
export interface Unit {
  service: string;
  target: string;
  container: string;
  hash: string;
  specHash: string;
  dependsOn: string[];
  stateDir: string;
  unitDir: string;
  unitEntry?: string;
  entries: string[];
  install: {
    at: string;
    file: string;
  }[];
  setup: Argvs;
  commands?: {
    start: Argvs;
    stop: Argvs;
    reload?: Argvs;
    status: Argvs;
    logs: Argvs;
    snapshot?: Argvs;
    restore?: Argvs;
    lock?: Argvs;
    unlock?: Argvs;
    collectGarbage?: Argvs;
    settleMs?: number;
    /**
     * The manager of drover's own that runs the unit (its setup starts it), and how to tell it is up.
     */
    manager?: {
      name: string;
      alive: Argv;
      start?: Argv1;
    };
    /**
     * The batch form of the manager's commands: units of a target with the same group in one command each, their names appended.
     */
    batch?: {
      group: string;
      name: string;
      start: Argvs;
      stop: Argvs;
      status: Argv;
      replace?: Argv2;
    };
  };
  /**
   * Its state moves with it to another target.
   */
  deployState?: true;
  /**
   * The IDs the unit runs with, by pool.
   */
  ids?: {
    [k: string]: number;
  };
  healthCheck?: {
    tcp?: {
      host: string;
      port: number;
    };
    http?: string;
    command?: Argv;
    timeoutMs: number;
  };
}
