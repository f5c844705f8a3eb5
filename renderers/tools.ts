/** Store entries that renderers name themselves: their helpers (`RenderedUnit.tools`), and units' files. */
import { sha256 } from '../controller/core/hashing.ts';
import type { RenderedFile, RenderedTool } from './types.ts';

/** The name of a store entry holding `files`: the digest of the files, then `name`. */
export function renderedEntryName(files: readonly RenderedFile[], name: string): string {
  return `${sha256(JSON.stringify(files)).slice(0, 32)}-${name}`;
}

/** The store entry name of a tool. */
export function toolEntryName(tool: RenderedTool): string {
  return renderedEntryName(tool.files, tool.name);
}
