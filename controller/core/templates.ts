/**
 * Logic-less templates: `${{ a.b.c }}` is replaced by the value at that path of a context object, and
 * `${{ for x in a.list }}…${{ end }}` repeats its body once per item of a list, where `x` names the item
 * (a dependency's instances: one upstream line per replica). Nothing is executed; a reference to anything
 * the context does not hold is an error that says what exists.
 */
import { cached } from './memo.ts';

/** A `${{ ... }}` reference inside a template text. */
interface TemplateRef {
  path: string[];
  /** Offset of the `${{` in the text. */
  index: number;
}

/** A `${{ for <variable> in <path> }}` … `${{ end }}` block: its body repeated once per item of the list. */
interface TemplateLoop {
  variable: string;
  path: string[];
  body: TemplatePart[];
  /** Offset of its `${{` in the text. */
  index: number;
}

type TemplatePart = string | TemplateRef | TemplateLoop;

/** A template split into literal text, references and loops; `errors` lists malformed ones. */
export interface ParsedTemplate {
  parts: TemplatePart[];
  errors: { index: number; message: string }[];
}

/** Values a template can see: nested plain objects with string or number leaves, and lists to loop over. */
export interface TemplateContext {
  [key: string]: string | number | TemplateContext | TemplateContext[] | undefined;
}

const LOOP = /^for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(\S+)$/;

const OPEN = '${{';
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** True when the text holds at least one template reference. */
export function isTemplate(text: string): boolean {
  return text.includes(OPEN);
}

/** Splits a template into literal text, references and loops. */
export function parseTemplate(text: string): ParsedTemplate {
  const errors: ParsedTemplate['errors'] = [];
  const top: TemplatePart[] = [];
  // The loops open at this point, innermost last; parts go into the innermost one's body.
  const open: TemplateLoop[] = [];
  const into = () => open.at(-1)?.body ?? top;
  let at = 0;
  for (let start = text.indexOf(OPEN); start !== -1; start = text.indexOf(OPEN, at)) {
    if (start > at) into().push(text.slice(at, start));
    const close = text.indexOf('}}', start + OPEN.length);
    if (close === -1) {
      errors.push({ index: start, message: "template reference is not closed: '${{' without '}}'" });
      at = text.length;
      break;
    }
    const expression = text.slice(start + OPEN.length, close).trim();
    at = close + 2;
    const loop = LOOP.exec(expression);
    if (expression === 'end') {
      if (open.pop() === undefined)
        errors.push({ index: start, message: "'${{ end }}' without a '${{ for … }}' to end" });
      continue;
    }
    const path = splitPath(loop ? loop[2]! : expression);
    if (!path) {
      errors.push({
        index: start,
        message: loop
          ? `'${loop[2]}' must be a dotted name such as deps.web.instances`
          : `template reference '${expression}' must be a dotted name such as ids.ports or target.hostname, or 'for x in deps.web.instances' … 'end'`,
      });
    } else if (loop) {
      const block: TemplateLoop = { variable: loop[1]!, path, body: [], index: start };
      into().push(block);
      open.push(block);
    } else {
      into().push({ path, index: start });
    }
  }
  if (at < text.length) into().push(text.slice(at));
  for (const loop of open)
    errors.push({
      index: loop.index,
      message: `'\${{ for ${loop.variable} in ${loop.path.join('.')} }}' is not closed by '\${{ end }}'`,
    });
  return { parts: top, errors };
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

/** Substitutes every reference with its value in the context, and repeats each loop's body per item. */
export function renderTemplate(template: ParsedTemplate, context: TemplateContext): RenderResult {
  const errors = [...template.errors];
  const text = renderParts(template.parts, context, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, text };
}

function renderParts(
  parts: readonly TemplatePart[],
  context: TemplateContext,
  errors: { index: number; message: string }[],
): string {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else if ('body' in part) {
      const list = lookup(context, part.path);
      if (!Array.isArray(list)) {
        errors.push({
          index: part.index,
          message:
            list === undefined
              ? lookupError(context, part.path)
              : `template reference '${part.path.join('.')}' is not a list to loop over`,
        });
        continue;
      }
      // The item is seen under the loop's name, over whatever the context calls so.
      for (const item of list) text += renderParts(part.body, { ...context, [part.variable]: item }, errors);
    } else {
      const value = valueAt(context, part.path);
      if (value !== undefined) text += value;
      else errors.push({ index: part.index, message: lookupError(context, part.path) });
    }
  }
  return text;
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

/** The value at a path as text, or undefined when there is none (lookupError says why). */
function valueAt(context: TemplateContext, path: readonly string[]): string | undefined {
  const value = lookup(context, path);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * Whatever is at a path (a value, a group or a list), or undefined when there is nothing. A key may
 * contain dots (`files.nginx.conf`), so at each level the longest run of segments that names a key wins.
 */
function lookup(context: TemplateContext, path: readonly string[]): TemplateContext[string] {
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
    if (i === path.length) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
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
    if (i === path.length)
      return Array.isArray(value)
        ? `template reference '${reference}' is a list: loop over it with '\${{ for x in ${reference} }}' … '\${{ end }}'`
        : `template reference '${reference}' names a group of values, not a value`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
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
