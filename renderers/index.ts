/**
 * The explicit registry of renderers, one per process manager. A manager without a renderer here is
 * planned from its normalized spec alone (its hash covers the resolved UnitSpec).
 */
import type { Renderer } from './types.ts';

/** Every renderer drover has, by manager name. */
export const renderers: ReadonlyMap<string, Renderer> = new Map<string, Renderer>([]);

export type * from './types.ts';
