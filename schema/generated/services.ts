/* Generated from schema/services.schema.json by `npm run gen:types`. Do not edit. */

export type Scalar = string | number | boolean;
/**
 * Service names. dependsOn: activated first, details passed, a change cascades. connectsTo: details passed, no ordering, no cascade, cycles allowed. activatesAfter: activated first, nothing passed.
 */
export type ServiceNames = string[];
/**
 * CPU cores: a number (0.5) or millicores ('500m').
 */
export type Cpu = number | string;
/**
 * Bytes: a number, or with a suffix ('256Mi', '1Gi', '512M').
 */
export type Memory = number | string;

/**
 * services.yaml (or one fragment services/*.yaml): the services drover can deploy, keyed by name.
 */
export interface ServicesFile {
  /**
   * Services keyed by name (a plain identifier).
   */
  services: {
    [k: string]: Service;
  };
}
export interface Service {
  description?: string;
  /**
   * Container kind the service is deployed into: 'process' (run by the target's process manager, the default), 'package' (shipped, never activated), or a container the target declares.
   */
  type?: string;
  /**
   * A folder of the models repository shipped to the target, or an absolute path already on the target.
   */
  package?: string;
  process?: Process;
  /**
   * Configuration files rendered from templates, keyed by file name.
   */
  files?: {
    [k: string]: ConfigFile;
  };
  dependsOn?: ServiceNames;
  connectsTo?: ServiceNames;
  activatesAfter?: ServiceNames;
  /**
   * ID pools this service takes one ID from.
   */
  requiresUniqueIdsFor?: string[];
  healthCheck?: HealthCheck;
  /**
   * How many copies the scheduler places, each on a different target (instead of listing the targets in distribution.yaml).
   */
  replicas?: number;
  /**
   * What one copy needs of its target's capacity.
   */
  resources?: {
    cpu?: Cpu;
    memory?: Memory;
  };
  /**
   * Where the scheduler may place the service's copies.
   */
  placement?: {
    /**
     * Target properties a copy's target must have: a value, or one of a list of values.
     */
    constraints?: {
      [k: string]: Scalar | [Scalar, ...Scalar[]];
    };
    /**
     * Spread the copies evenly over the values of this target property (such as zone).
     */
    spread?: string;
    /**
     * One copy on every target that meets the constraints (instead of replicas).
     */
    everywhere?: boolean;
  };
  /**
   * How a changed spec rolls out over the copies.
   */
  update?: {
    /**
     * Copies stopped at a time (default 1).
     */
    maxUnavailable?: number;
    /**
     * Copies started on another target before an old one stops (default 0).
     */
    maxSurge?: number;
  };
  /**
   * Never two copies running at once, even while a target is cut off: its copy runs under a lease (replicas: 1).
   */
  exclusive?: boolean;
  /**
   * Its state (a database) moves with it: when it is placed on another target, drover locks it where it runs, snapshots it there, streams the snapshot through the controller with a checksum, restores it on the new target, and only then starts it there and stops the old copy (which keeps its data until `drover gc --state`). A failure rolls everything back: the old copy keeps serving. Needs an activation module that keeps state (postgresql-database, mysql-database) and one copy.
   */
  deployState?: boolean;
  /**
   * What drover does with the service's state.
   */
  state?: {
    /**
     * When its target is lost (unreachable past --failover-after) and its state cannot be moved: refuse (the default) keeps the copy where it is and reports it; empty starts it anew, empty, elsewhere.
     */
    onLoss?: "refuse" | "empty";
  };
  /**
   * What this service offers the services placed with it (Disnix's providesContainer): on every target where it runs, each container here exists with these properties, and services of that type placed there run in it, activated after it.
   */
  provides?: {
    /**
     * Containers keyed by type, with their properties: processManager (what runs the services placed in it; package, to only install them, by default) and any others, which may be templates over this service's name, target and ids.
     */
    containers?: {
      [k: string]: {
        [k: string]: Scalar;
      };
    };
  };
  /**
   * Named instances of this service, each a service of its own (with its own IDs, placed by its name) made from this definition with its fields merged over it: objects field by field, anything else replaced. Templates see the instance's name as instanceName and the definition's as name.
   */
  instances?: {
    [k: string]: Service;
  };
  /**
   * Values the service passes to its dependents, which see them as deps.<name>.attributes.<key> (and each instance's, in a loop over deps.<name>.instances). Values may be templates over the service's own name, target, container and ids.
   */
  attributes?: {
    [k: string]: Scalar;
  };
}
/**
 * How to run the service, independent of any process manager (nix-processmgmt's createManagedProcess).
 */
export interface Process {
  /**
   * Executable that stays in the foreground.
   */
  command?: string;
  args?: Scalar[];
  /**
   * Executable that daemonises itself and writes pidFile.
   */
  daemon?: string;
  daemonArgs?: Scalar[];
  /**
   * Where the daemon form writes its PID. Default: <stateDir>/run/<service>/<service>.pid, in the service's run folder (templates: runDir), which belongs to the user it runs as.
   */
  pidFile?: string;
  environment?: {
    [k: string]: Scalar;
  };
  directory?: string;
  user?: string;
  group?: string;
  umask?: string;
  nice?: number;
  credentials?: Credentials;
  /**
   * Manager-specific settings merged last, keyed by process manager. Each manager takes only keys its format can hold (supervisord [a-z][a-z0-9_]*, systemd sections and settings, rc.subr variable names, launchd keys [A-Za-z0-9_.-]+, compose keys; s6 and sysvinit the keys they read), and values with no character its format cannot hold.
   */
  overrides?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
}
/**
 * Users and groups to create; their uid/gid come from the uids/gids pools when the service asks for them.
 */
export interface Credentials {
  users?: {
    [k: string]: {
      group?: string;
      description?: string;
      homeDir?: string;
      shell?: string;
    };
  };
  groups?: {
    [k: string]: {};
  };
}
/**
 * A configuration file: a template file of the repository, or inline content. Both may use ${{ ... }}.
 */
export interface ConfigFile {
  template?: string;
  content?: string;
  /**
   * Octal file mode, default "0644". At most 0777 (no setuid, setgid or sticky bit), and not writable by every user.
   */
  mode?: string;
}
/**
 * How drover decides the service is up: exactly one of tcp, http or command.
 */
export interface HealthCheck {
  /**
   * HOST:PORT that must accept a connection.
   */
  tcp?: string;
  /**
   * URL that must answer with a 2xx or 3xx status.
   */
  http?: string;
  /**
   * argv that must exit 0.
   *
   * @minItems 1
   */
  command?: [Scalar, ...Scalar[]];
  /**
   * How long to wait for health (default 10s).
   */
  timeout?: string;
}
