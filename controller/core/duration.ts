/** Durations as drover's models and flags write them: a whole number of ms, s or m. */

/** The form of a duration: 500ms, 10s, 2m. */
const DURATION = /^(\d+)(ms|s|m)$/;

/** Milliseconds in a duration such as 500ms, 10s or 2m; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}
