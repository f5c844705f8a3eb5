/**
 * One YAML file of the models repository, parsed with positions so that every later check can
 * point at the exact key or value it is about.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import jsyaml from 'js-yaml';
import type { Problem } from '../problems.ts';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A place in the models: a file and a path inside it; `key` points at the map key rather than its value. */
export interface SourceRef {
  file: string;
  path: YamlPath;
  key?: boolean;
}

/**
 * A parsed YAML file: its plain value, its syntax problems, and positions of any path in it.
 * The plain value comes from js-yaml (YAML 1.2 core schema), which is an order of magnitude faster;
 * the position-tracking document of the `yaml` library is built only when a position is asked for,
 * that is, when there is a problem to report. A file with anchors always takes the `yaml` path, whose
 * alias-expansion limit stops "billion laughs" input.
 */
export class YamlSource {
  readonly value: unknown;
  readonly syntaxProblems: Problem[];
  private numbers: Problem[] | undefined;
  private doc: Document | undefined;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    if (!/&[^\s]/.test(text) || !/\*[^\s]/.test(text)) {
      try {
        this.value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file }) ?? null;
        this.syntaxProblems = [];
        return;
      } catch (error) {
        if (!(error instanceof jsyaml.YAMLException)) throw error;
        // Fall through: the `yaml` library reports every syntax error, with better messages.
        const problems = this.document().errors.map((e) => this.syntaxProblem(e.pos[0], e.message));
        this.syntaxProblems = problems.length > 0 ? problems : [this.jsYamlProblem(error)];
        this.value = undefined;
        return;
      }
    }
    const doc = this.document();
    this.syntaxProblems = doc.errors.map((e) => this.syntaxProblem(e.pos[0], e.message));
    let value: unknown;
    if (this.syntaxProblems.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch (error) {
        this.syntaxProblems.push({ file, line: 1, col: 1, message: `YAML: ${(error as Error).message}` });
      }
    }
    this.value = value;
  }

  /**
   * Numbers that would not survive as written: `0755`, `1.10`, `0x1F`, `1e20`, integers past 2^53. YAML
   * reads them as another number, so a value meant as text changes silently: each is a problem.
   */
  numberProblems(): Problem[] {
    if (this.numbers) return this.numbers;
    this.numbers = [];
    if (this.syntaxProblems.length > 0 || !mayHoldLossyNumber(this.text)) return this.numbers;
    visit(this.document(), {
      Scalar: (_key, node) => {
        if (typeof node.value !== 'number' || node.type !== 'PLAIN' || node.source === undefined) return;
        const text = node.source;
        if (String(node.value) === text) return;
        const [line, col] = this.position(node.range?.[0] ?? 0);
        const why =
          Number.isInteger(node.value) && !Number.isSafeInteger(node.value)
            ? `is past the largest exact integer (2^53)`
            : `is read as the number ${node.value}`;
        this.numbers!.push({
          file: this.file,
          line,
          col,
          message: `${quoted(text)} ${why}: write it in quotes where it is text, or as a plain number`,
        });
      },
    });
    return this.numbers;
  }

  /** Creates a problem at the given path (the deepest existing node along it). */
  problem(path: YamlPath, message: string, key = false): Problem {
    const [line, col] = this.locate(path, key);
    return { file: this.file, line, col, message };
  }

  /** Line and column (1-based) of the node at `path`, or of its key. Falls back to the nearest parent. */
  locate(path: YamlPath, key = false): [number, number] {
    let node: unknown = this.document().contents;
    let offset = nodeStart(node) ?? 0;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) break;
        if (last && key) {
          offset = nodeStart(pair.key) ?? offset;
          break;
        }
        node = pair.value;
        offset = nodeStart(node) ?? nodeStart(pair.key) ?? offset;
      } else if (isSeq(node)) {
        node = node.items[Number(segment)];
        if (node === undefined) break;
        offset = nodeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return this.position(offset);
  }

  private document(): Document {
    this.doc ??= parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    return this.doc;
  }

  private syntaxProblem(offset: number, message: string): Problem {
    const [line, col] = this.position(offset);
    return { file: this.file, line, col, message: cleanYamlMessage(message) };
  }

  private jsYamlProblem(error: jsyaml.YAMLException): Problem {
    const mark = (error as unknown as { mark?: { line: number; column: number } }).mark;
    return {
      file: this.file,
      line: (mark?.line ?? 0) + 1,
      col: (mark?.column ?? 0) + 1,
      message: `YAML syntax error: ${error.reason}`,
    };
  }

  private position(offset: number): [number, number] {
    this.document();
    const { line, col } = this.lines.linePos(offset);
    return [line, col];
  }
}

/** A plain token that may be a number: from a separator to the next one. */
const NUMBER_TOKEN = /(?:^|[\s[{,:])([+-]?\.?\d[\w.+-]*|[+-]?\.(?:inf|nan))(?=[\s,\]}#]|$)/gim;

/**
 * A cheap test for text that may hold a number YAML would not keep as written (leading zeros, 0x/0o,
 * trailing decimal zeros, long integers, exponents, a plus sign, `.5`, `.inf`): only then is the
 * position-tracking document built and walked, to find them exactly.
 */
function mayHoldLossyNumber(text: string): boolean {
  for (const [, token] of text.matchAll(NUMBER_TOKEN)) {
    const value = Number(token);
    if (Number.isNaN(value) ? /\.(?:inf|nan)$/i.test(token!) : String(value) !== token) return true;
  }
  return false;
}

/** At most 120 characters of what the user wrote, for a message. */
export function quoted(text: string): string {
  return `'${text.length > 120 ? `${text.slice(0, 117)}...` : text}'`;
}

function nodeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}

/** The yaml library's messages end with "at line X, column Y" and a code frame; keep the first sentence. */
function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?\s*$/, '')}`;
}
