/**
 * The explicit registry of renderers, one per process manager. A manager without a renderer here
 * ('package', or a container kind drover does not run) is planned from its resolved spec alone.
 */
import { bsdrc } from './bsdrc.ts';
import { docker } from './docker.ts';
import { launchd } from './launchd.ts';
import { processRenderer } from './process.ts';
import { s6 } from './s6.ts';
import { supervisord } from './supervisord.ts';
import { systemd } from './systemd.ts';
import { sysvinit } from './sysvinit.ts';
import type { Renderer } from './types.ts';

/** Every renderer drover has, by manager name. */
export const renderers: ReadonlyMap<string, Renderer> = new Map<string, Renderer>(
  [supervisord, systemd, s6, sysvinit, bsdrc, launchd, docker, processRenderer].map((r) => [r.manager, r]),
);

export { RenderError } from './types.ts';
export type * from './types.ts';
