/**
 * The JSON Schemas of every file drover reads or writes, checked by the validators ajv generated from
 * them ahead of time (schema/generated/validators.ts, written by `npm run gen:types`: nothing is compiled
 * at run time), and their errors turned into short messages at the exact path they concern.
 */
import type { ErrorObject } from 'ajv';
import { formats } from './formats.ts';
import * as generated from './generated/validators.ts';
import { suggest } from './suggest.ts';
import servicesSchema from './services.schema.json' with { type: 'json' };
import infrastructureSchema from './infrastructure.schema.json' with { type: 'json' };
import distributionSchema from './distribution.schema.json' with { type: 'json' };
import idresourcesSchema from './idresources.schema.json' with { type: 'json' };
import idsSchema from './ids.schema.json' with { type: 'json' };
import planSchema from './plan.schema.json' with { type: 'json' };
import statusSchema from './status.schema.json' with { type: 'json' };
import manifestSchema from './manifest.schema.json' with { type: 'json' };
import placementsSchema from './placements.schema.json' with { type: 'json' };
import capturedSchema from './captured.schema.json' with { type: 'json' };

export { IDENTIFIER } from './formats.ts';

const schemas = {
  services: servicesSchema,
  infrastructure: infrastructureSchema,
  distribution: distributionSchema,
  idresources: idresourcesSchema,
  ids: idsSchema,
  plan: planSchema,
  status: statusSchema,
  manifest: manifestSchema,
  placements: placementsSchema,
  captured: capturedSchema,
} as const;

/** Names of the schemas in schema/ (each is `<name>.schema.json`). */
export type SchemaName = keyof typeof schemas;

/** One schema violation: where (path into the document), what, and whether it is about a map key. */
export interface SchemaViolation {
  path: (string | number)[];
  message: string;
  key: boolean;
}

/** A validator as ajv's standalone code defines it: true when valid, else the errors in `errors`. */
type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** One generated validator per schema, exported under the schema's name. */
const validators = generated as unknown as Record<SchemaName, Validate>;

/** Validates a value against one of drover's schemas; returns every violation (empty when valid). */
export function validateAgainstSchema(name: SchemaName, value: unknown): SchemaViolation[] {
  const validate = validators[name];
  if (validate(value)) return [];
  return simplify(validate.errors ?? [], schemas[name]);
}

function simplify(errors: ErrorObject[], root: object): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const error of relevant(errors)) {
    const violation = describe(error, root);
    const id = JSON.stringify(violation);
    if (!seen.has(id)) {
      seen.add(id);
      out.push(violation);
    }
  }
  return out;
}

/**
 * Drops the noise: a name's format error is reported by its propertyNames error, and an anyOf failure is
 * replaced by the errors of the branch whose shape (list or mapping) the value has, when there is one.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const error of errors) {
    // An if/then/else failure is reported by the errors of its branch.
    if (error.propertyName !== undefined || error.keyword === 'if') continue;
    const anyOf = errors.find(
      (e) =>
        e.keyword === 'anyOf' &&
        error.schemaPath.startsWith(`${e.schemaPath}/`) &&
        (error.instancePath === e.instancePath || error.instancePath.startsWith(`${e.instancePath}/`)),
    );
    if (anyOf) {
      const branch = error.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0];
      if (branch !== matchingBranch(anyOf, errors)) continue;
    } else if (error.keyword === 'anyOf' && matchingBranch(error, errors) !== undefined) {
      continue;
    }
    out.push(error);
  }
  return out;
}

function matchingBranch(anyOf: ErrorObject, errors: ErrorObject[]): string | undefined {
  const branches = (anyOf.schema as unknown[]).map((_, i) => String(i));
  return branches.find(
    (i) =>
      !errors.some(
        (e) =>
          e.keyword === 'type' &&
          e.instancePath === anyOf.instancePath &&
          e.schemaPath === `${anyOf.schemaPath}/${i}/type`,
      ),
  );
}

function describe(error: ErrorObject, root: object): SchemaViolation {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = path[path.length - 1];
  const where = last !== undefined && !/^\d+$/.test(last) ? `${last}: ` : '';
  const params = error.params as Record<string, unknown>;
  // The branches of an if/then/else (a target's transport) carry their message as their description.
  const branch = /\/(then|else)\//.test(error.schemaPath)
    ? (error.parentSchema as { description?: string } | undefined)?.description
    : undefined;
  if (branch !== undefined) return { path, message: `${where}${branch}`, key: error.keyword !== 'required' };
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      return {
        path: [...path, field],
        message: `unknown field '${field}'${suggest(field, known) || belongsUnder(field, error, root)}`,
        key: true,
      };
    }
    case 'required':
      return {
        path,
        message: `${where}missing required field '${String(params.missingProperty)}'`,
        key: false,
      };
    case 'type': {
      // `umask: 022` is the number 22 in YAML: say how to write it rather than just "must be a string".
      const format = (error.parentSchema as { format?: string } | undefined)?.format;
      const hint = format ? formats[format]?.hint : undefined;
      return { path, message: `${where}${hint ?? `must be ${typeName(String(params.type))}`}`, key: false };
    }
    case 'enum':
      return {
        path,
        message: `${where}must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
        key: false,
      };
    case 'format':
      return {
        path,
        message: `${where}${formats[String(params.format)]?.hint ?? error.message ?? 'invalid'}`,
        key: false,
      };
    case 'propertyNames': {
      const name = String(params.propertyName);
      const format = (error.schema as { format?: string }).format;
      const hint = format ? formats[format]?.hint : undefined;
      return { path: [...path, name], message: `'${name}' ${hint ?? 'is not a valid name'}`, key: true };
    }
    case 'anyOf':
      return { path, message: `${where}must be ${anyOfShape(error)}`, key: false };
    case 'pattern':
      if (path[path.length - 1] === 'stateDir')
        return { path, message: `${where}must be an absolute path`, key: false };
      return { path, message: `${where}must match ${String(params.pattern)}`, key: false };
    default:
      return { path, message: `${where}${error.message ?? 'is invalid'}`, key: false };
  }
}

/**
 * Why `value` is not a string of the named format (the hint schema violations give), or undefined when it
 * is one; without a format, any string will do. For values checked in code, such as container properties.
 */
export function stringFormatViolation(value: unknown, format?: string): string | undefined {
  const known = format !== undefined ? formats[format] : undefined;
  if (typeof value !== 'string') return known?.hint ?? 'must be a string';
  return known && !known.test.test(value) ? known.hint : undefined;
}

function typeName(type: string): string {
  return type
    .split(',')
    .map((t) =>
      t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t === 'integer' ? 'an integer' : `a ${t}`,
    )
    .join(' or ');
}

function anyOfShape(error: ErrorObject): string {
  // The only anyOf is a placement: a list of target names, or {targets: [{target, container}]}.
  return error.schemaPath.includes('placement')
    ? 'a list of target names, or {targets: [{target, container}]}'
    : 'one of the allowed shapes';
}

/**
 * ` (it belongs under 'process')` when `field` is a field of an object nested in the one it was written
 * in (a field at the wrong level), or ''.
 */
function belongsUnder(field: string, error: ErrorObject, root: object): string {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const homes = Object.entries(parent?.properties ?? {})
    .filter(([, property]) => hasField(resolve(property, root), field, root))
    .map(([name]) => `'${name}'`);
  return homes.length > 0 ? ` (it belongs under ${homes.join(' or ')})` : '';
}

/** Whether an object schema (or an array of them) has `field` among its properties. */
function hasField(schema: unknown, field: string, root: object): boolean {
  const s = schema as { properties?: Record<string, unknown>; items?: unknown } | undefined;
  if (s?.properties && Object.prototype.hasOwnProperty.call(s.properties, field)) return true;
  return s?.items !== undefined && hasField(resolve(s.items, root), field, root);
}

/** Follows a local `$ref` (#/definitions/...) in the schema `root`. */
function resolve(schema: unknown, root: object): unknown {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (ref === undefined || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}
