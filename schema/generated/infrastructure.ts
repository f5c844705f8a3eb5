/* Generated from schema/infrastructure.schema.json by `npm run gen:types`. Do not edit. */

export type Scalar = string | number | boolean;
/**
 * CPU cores: a number (0.5) or millicores ('500m').
 */
export type Cpu = number | string;
/**
 * Bytes: a number, or with a suffix ('256Mi', '1Gi', '512M').
 */
export type Memory = number | string;

/**
 * infrastructure.yaml: the machines drover deploys to, keyed by name.
 */
export interface InfrastructureFile {
  targets: {
    [k: string]: Target;
  };
}
export interface Target {
  /**
   * Address drover connects to (ssh transport): a host name, an IPv4 address or an IPv6 address.
   */
  hostname?: string;
  /**
   * SSH port (default 22).
   */
  port?: number;
  /**
   * The user drover acts as: the SSH login user, or with transport: local the user drover runs as (default root).
   */
  user?: string;
  /**
   * Pinned public host key, e.g. 'ssh-ed25519 AAAA...'.
   */
  hostKey?: string;
  /**
   * ssh (default) or local (the machine drover runs on).
   */
  transport?: "ssh" | "local";
  /**
   * Manager that runs 'process' services (default supervisord).
   */
  processManager?: "supervisord" | "systemd" | "s6" | "sysvinit" | "bsdrc" | "launchd" | "docker" | "process";
  /**
   * Absolute path of drover's state on the target (default /var/lib/drover; for an unprivileged user other than root, /home/USER/.local/state/drover).
   */
  stateDir?: string;
  /**
   * Run every service as the connecting user: no accounts created, no user switching (default: true unless user is root).
   */
  unprivileged?: boolean;
  /**
   * How drover's own process managers (its supervisord, s6-svscan) come back after the target reboots: a systemd unit, a sysvinit script or an @reboot crontab entry (a systemd --user unit with lingering, or the user's crontab, when unprivileged); auto (default for ssh) takes the first the target has; none (default for local) leaves it to you.
   */
  bootHook?: "auto" | "systemd" | "sysvinit" | "cron" | "none";
  system?: string;
  /**
   * Activations run at once on this target (default 1).
   */
  numOfCores?: number;
  /**
   * Free-form properties, visible to templates as target.properties.<name>.
   */
  properties?: {
    [k: string]: Scalar;
  };
  /**
   * Extra containers this target offers, keyed by name, with their properties.
   */
  containers?: {
    [k: string]: {
      [k: string]: Scalar;
    };
  };
  /**
   * What the target offers the scheduler's copies: cpu cores and memory (bytes, or '4Gi').
   */
  capacity?: {
    cpu?: Cpu;
    memory?: Memory;
  };
  /**
   * The scheduler places no new copies here (those placed stay, unless drain).
   */
  cordoned?: boolean;
  /**
   * With cordoned: the copies placed here move to other targets.
   */
  drain?: boolean;
}
