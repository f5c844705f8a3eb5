/**
 * What drover records from command output (errors, status.json, commits, logs, PR comments) passes
 * through here: secrets are redacted, then the text is capped. Redaction comes first, so that a cut can
 * never leave part of a secret behind.
 */

/** Recorded output keeps at most its last 20 lines, */
export const OUTPUT_LINES = 20;
/** and at most 4 KiB of them; a recorded message keeps its first 4 KiB. */
export const OUTPUT_BYTES = 4096;

const REDACTED = '[redacted]';
/** Secrets shorter than this would redact ordinary text; no real token is this short. */
const SHORTEST_SECRET = 4;

const KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
/** The end of a key block whose start somebody else already cut off: the base64 before the marker goes too. */
const KEY_BLOCK_END = /[A-Za-z0-9+/=\s]*-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
/**
 * `NAME=value` and `NAME: value` (quotes around either allowed) where NAME looks secret. An unquoted
 * value after `=` ends at a blank, as in sh; after `:` it runs to the end of the line, as in YAML.
 */
const SECRET_VARIABLE =
  /(?<![\w./-])([A-Za-z0-9_.-]*(?:TOKEN|SECRET|PASSWORD|KEY)[A-Za-z0-9_.-]*["']?)(\s*=\s*|\s*:[ \t]*)("[^"\n]*"?|'[^'\n]*'?|(?<==\s*)[^\s"']+|(?<=:[ \t]*)[^\s"'][^\n]*)/gi;

/** The password of a URL's credentials (`scheme://user:password@host`). */
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^/\s@]+@/g;

/**
 * Redacts `secrets` (the git token, ...), private-key blocks, URL passwords and values of variables whose
 * names look secret.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= SHORTEST_SECRET) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(KEY_BLOCK, `${REDACTED} private key`)
    .replace(KEY_BLOCK_END, `${REDACTED} private key`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(SECRET_VARIABLE, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`);
}

/** The last OUTPUT_LINES lines, at most OUTPUT_BYTES in all (a longer last line keeps its end). */
export function capLines(lines: readonly string[]): string[] {
  const kept = lines.slice(-OUTPUT_LINES);
  let bytes = kept.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
  while (kept.length > 1 && bytes > OUTPUT_BYTES) bytes -= Buffer.byteLength(kept.shift()!) + 1;
  const only = kept[0];
  if (kept.length === 1 && only !== undefined && Buffer.byteLength(only) > OUTPUT_BYTES) {
    kept[0] = `…${Buffer.from(only)
      .subarray(-(OUTPUT_BYTES - 3))
      .toString('utf8')}`;
  }
  return kept;
}

/** Redacts and caps what drover records, given the secrets of one run. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly (string | undefined)[] = []) {
    // The longest first: a secret that contains another is redacted whole.
    this.secrets = [...new Set(secrets.flatMap((s) => (s?.trim() ? [s.trim()] : [])))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** A message: redacted, and at most OUTPUT_BYTES (it keeps its start, which says what failed). */
  text(text: string): string {
    const out = redact(text, this.secrets);
    if (Buffer.byteLength(out) <= OUTPUT_BYTES) return out;
    return `${Buffer.from(out)
      .subarray(0, OUTPUT_BYTES - 3)
      .toString('utf8')}…`;
  }

  /** Command output: redacted whole, then its non-blank lines, capped. */
  output(text: string): string[] {
    return capLines(
      redact(text, this.secrets)
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
  }

  /** Lines recorded earlier, redacted again with this run's secrets and capped. */
  lines(lines: readonly string[]): string[] {
    return this.output(lines.join('\n'));
  }
}
