/**
 * One YAML file of the models repository, parsed with positions so that every later check can
 * point at the exact key or value it is about.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../problems.ts';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A place in the models: a file and a path inside it; `key` points at the map key rather than its value. */
export interface SourceRef {
  file: string;
  path: YamlPath;
  key?: boolean;
}

/** A parsed YAML file: its plain value, its syntax problems, and positions of any path in it. */
export class YamlSource {
  readonly value: unknown;
  readonly syntaxProblems: Problem[];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.syntaxProblems = this.doc.errors.map((error) => {
      const [line, col] = this.position(error.pos[0]);
      return { file, line, col, message: cleanYamlMessage(error.message) };
    });
    this.value = this.syntaxProblems.length === 0 ? this.doc.toJS({ maxAliasCount: 1000 }) : undefined;
  }

  /** Creates a problem at the given path (the deepest existing node along it). */
  problem(path: YamlPath, message: string, key = false): Problem {
    const [line, col] = this.locate(path, key);
    return { file: this.file, line, col, message };
  }

  /** Line and column (1-based) of the node at `path`, or of its key. Falls back to the nearest parent. */
  locate(path: YamlPath, key = false): [number, number] {
    let node: unknown = this.doc.contents;
    let offset = nodeStart(node) ?? 0;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
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

  private position(offset: number): [number, number] {
    const { line, col } = this.lines.linePos(offset);
    return [line, col];
  }
}

function nodeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}

/** The yaml library's messages end with "at line X, column Y" and a code frame; keep the first sentence. */
function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?\s*$/, '')}`;
}
