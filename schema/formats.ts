/**
 * The string formats drover's schemas use (`"format": "identifier"`, …): the pattern each must match and
 * the hint a violation gets. Shared by the validators (schema/index.ts) and their generator
 * (scripts/generate-types.ts), which writes each pattern into schema/generated/validators.ts.
 */

/** A plain identifier: names of services, targets, pools, users, files. Nothing a shell or a path could misread. */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Every format: its pattern and the hint a value that breaks it gets. */
export const formats: Record<string, { test: RegExp; hint: string }> = {
  identifier: { test: IDENTIFIER, hint: 'must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)' },
  envName: {
    test: /^[A-Za-z_][A-Za-z0-9_]*$/,
    hint: 'must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)',
  },
  umask: { test: /^0?[0-7]{3}$/, hint: 'must be an octal umask in quotes, such as "022"' },
  fileMode: { test: /^0?[0-7]{3,4}$/, hint: 'must be an octal file mode in quotes, such as "0644"' },
  absolutePath: {
    test: /^\/[A-Za-z0-9._+/-]*$/,
    hint: 'must be an absolute path of letters, digits and . _ + - / (it ends up in every manager configuration)',
  },
  hostname: {
    test: /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/,
    hint: 'must be a host name (letters, digits, dots and inner hyphens), an IPv4 or an IPv6 address',
  },
  duration: { test: /^\d+(ms|s|m)$/, hint: 'must be a duration such as "500ms", "10s" or "2m"' },
};
