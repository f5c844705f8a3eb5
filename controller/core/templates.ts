/**
 * Logic-less templates: `${{ a.b.c }}` is replaced by the value at that path of a context object.
 * Nothing is executed; a reference to anything the context does not hold is an error that says what exists.
 */
import { cached } from './memo.ts';

/** A `${{ ... }}` reference inside a template text. */
interface TemplateRef {
  path: string[];
  /** Offset of the `${{` in the text. */
  index: number;
}

/** A template split into literal text and references; `errors` lists malformed references. */
export interface ParsedTemplate {
  parts: (string | TemplateRef)[];
  errors: { index: number; message: string }[];
}

/** Values a template can see: nested plain objects with string or number leaves. */
export interface TemplateContext {
  [key: string]: string | number | TemplateContext | undefined;
}

const OPEN = '${{';
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** True when the text holds at least one template reference. */
export function isTemplate(text: string): boolean {
  return text.includes(OPEN);
}

/** Splits a template into literal text and references. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: ParsedTemplate['parts'] = [];
  const errors: ParsedTemplate['errors'] = [];
  let at = 0;
  for (let open = text.indexOf(OPEN); open !== -1; open = text.indexOf(OPEN, at)) {
    if (open > at) parts.push(text.slice(at, open));
    const close = text.indexOf('}}', open + OPEN.length);
    if (close === -1) {
      errors.push({ index: open, message: "template reference is not closed: '${{' without '}}'" });
      at = text.length;
      break;
    }
    const expression = text.slice(open + OPEN.length, close).trim();
    const path = splitPath(expression);
    if (!path) {
      errors.push({
        index: open,
        message: `template reference '${expression}' must be a dotted name such as ids.ports or target.hostname`,
      });
    } else {
      parts.push({ path, index: open });
    }
    at = close + 2;
  }
  if (at < text.length) parts.push(text.slice(at));
  return { parts, errors };
}

/**
 * Splits `a.b.c` into segments. Names may themselves contain dots (a file called nginx.conf), so a segment
 * is matched greedily against the context when it is resolved; here only the syntax is checked.
 */
function splitPath(expression: string): string[] | undefined {
  if (expression === '') return undefined;
  const segments = expression.split('.');
  return segments.every((s) => /^[A-Za-z0-9_-]+$/.test(s)) && SEGMENT.test(expression) ? segments : undefined;
}

/** Result of rendering: the text, or the problems of each unresolvable reference (offsets into the text). */
type RenderResult = { ok: true; text: string } | { ok: false; errors: { index: number; message: string }[] };

/** Substitutes every reference with its value in the context. */
export function renderTemplate(template: ParsedTemplate, context: TemplateContext): RenderResult {
  let errors = template.errors.length > 0 ? [...template.errors] : undefined;
  let text = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = valueAt(context, part.path);
    if (value !== undefined) text += value;
    else (errors ??= []).push({ index: part.index, message: lookupError(context, part.path) });
  }
  return errors ? { ok: false, errors } : { ok: true, text };
}

/**
 * The keys a path may name at each level: `keys[i]` holds segment i, then segments i and i + 1 joined with
 * a dot, and so on. Built once per path (parsed templates are shared), so that a lookup builds no string.
 */
const keysByPath = new WeakMap<readonly string[], string[][]>();

function keysOf(path: readonly string[]): string[][] {
  return cached(keysByPath, path, () =>
    path.map((_, i) => path.slice(i).map((__, n) => path.slice(i, i + n + 1).join('.'))),
  );
}

/**
 * The value at a path, or undefined when there is none (lookupError says why). A key may contain dots
 * (`files.nginx.conf`), so at each level the longest run of segments that names a key wins.
 */
function valueAt(context: TemplateContext, path: readonly string[]): string | undefined {
  const keys = keysOf(path);
  let node: TemplateContext = context;
  let i = 0;
  while (i < path.length) {
    const candidates = keys[i]!;
    let matched = candidates.length;
    while (matched > 0 && !Object.hasOwn(node, candidates[matched - 1]!)) matched--;
    if (matched === 0) return undefined;
    const value = node[candidates[matched - 1]!];
    i += matched;
    if (i === path.length) {
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    }
    if (typeof value !== 'object' || value === null) return undefined;
    node = value;
  }
  return undefined;
}

/** Why a path names no value of the context (valueAt found none): what exists where it went wrong. */
function lookupError(context: TemplateContext, path: readonly string[]): string {
  const reference = path.join('.');
  let node: TemplateContext = context;
  let prefix: string[] = [];
  for (let i = 0; i < path.length;) {
    let matched = 0;
    let candidate = '';
    for (let j = i; j < path.length; j++) {
      candidate = j === i ? path[j]! : `${candidate}.${path[j]!}`;
      if (Object.hasOwn(node, candidate)) matched = j - i + 1;
    }
    if (matched === 0) {
      const known = Object.keys(node).sort();
      const where = prefix.length > 0 ? `'${prefix.join('.')}' has no '${path[i]}'` : `no '${path[i]}'`;
      return (
        `unknown template reference '${reference}': ${where}` +
        (known.length > 0 ? ` (it has: ${known.join(', ')})` : '')
      );
    }
    const key = path.slice(i, i + matched).join('.');
    const value = node[key];
    prefix = [...prefix, key];
    i += matched;
    if (i === path.length) return `template reference '${reference}' names a group of values, not a value`;
    if (typeof value !== 'object' || value === null) {
      return `unknown template reference '${reference}': '${prefix.join('.')}' is a value, not a group`;
    }
    node = value;
  }
  return `unknown template reference '${reference}'`;
}

/** Line and column (1-based) of an offset in a text. */
export function positionIn(text: string, index: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, index - lineStart + 1];
}
