/**
 * Resource quantities as the models write them (Kubernetes' notation): CPU as cores (`0.5`) or
 * millicores (`500m`), memory as bytes with an optional binary or decimal suffix (`256Mi`, `1G`).
 */
import type { Cpu, Memory } from '../../schema/generated/services.ts';

/** What a copy of a service needs, or what a target offers: millicores and bytes. */
export interface Resources {
  cpu: number;
  memory: number;
}

const MEMORY_SUFFIXES: Record<string, number> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Millicores of a CPU quantity (the schema checked its form). */
export function millicores(cpu: Cpu): number {
  return typeof cpu === 'number' ? Math.round(cpu * 1000) : Number(cpu.slice(0, -1));
}

/** Bytes of a memory quantity (the schema checked its form). */
export function bytes(memory: Memory): number {
  if (typeof memory === 'number') return memory;
  const [, digits, suffix] = /^(\d+)(\D*)$/.exec(memory)!;
  return Number(digits) * MEMORY_SUFFIXES[suffix!]!;
}

/** Resources as the models wrote them; what they leave out is 0. */
export function resourcesOf(written: { cpu?: Cpu; memory?: Memory } | undefined): Resources {
  return {
    cpu: written?.cpu === undefined ? 0 : millicores(written.cpu),
    memory: written?.memory === undefined ? 0 : bytes(written.memory),
  };
}

/** A quantity for people: `0.5 cpu`, `256Mi`. */
export function formatResources(resources: Partial<Resources>): string {
  const parts: string[] = [];
  if (resources.cpu !== undefined) parts.push(`cpu ${resources.cpu / 1000}`);
  if (resources.memory !== undefined) parts.push(`memory ${formatBytes(resources.memory)}`);
  return parts.join(', ');
}

/** Bytes in the largest binary unit that keeps them whole, or with one decimal. */
function formatBytes(value: number): string {
  for (const [suffix, size] of [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (value >= size) return `${Number((value / size).toFixed(1))}${suffix}`;
  }
  return String(value);
}
