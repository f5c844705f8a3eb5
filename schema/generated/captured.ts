/* Generated from schema/captured.schema.json by `npm run gen:types`. Do not edit. */

/**
 * User IDs of its accounts.
 *
 * @maxItems 100000
 */
export type Numbers = number[];
/**
 * Group IDs of its groups.
 *
 * @maxItems 100000
 */
export type Numbers1 = number[];
/**
 * TCP ports something listens on.
 *
 * @maxItems 100000
 */
export type Numbers2 = number[];

/**
 * captured.json: what `drover capture` found on each target (disnix-capture-infra). Templates see it as target.captured.*; the scheduler uses its cores and memory where a target declares no capacity; pools that say skipInUse do not hand out what is in use there.
 */
export interface CapturedFile {
  /**
   * The format of this file; drover refuses a version it does not know.
   */
  version?: 1;
  /**
   * What was found on each target, by target name.
   */
  targets: {
    [k: string]: CapturedTarget;
  };
}
export interface CapturedTarget {
  /**
   * When it was captured (ISO 8601).
   */
  time: string;
  /**
   * Architecture and kernel, as Nix names systems: x86_64-linux.
   */
  system?: string;
  /**
   * Processors online.
   */
  cores?: number;
  /**
   * Memory, in bytes.
   */
  memory?: number;
  /**
   * The operating system, as it names itself.
   */
  os?: string;
  /**
   * The process managers found on it.
   */
  managers?: string[];
  /**
   * Whether systemd runs as process 1.
   */
  systemdPid1?: boolean;
  uids?: Numbers;
  gids?: Numbers1;
  ports?: Numbers2;
}
