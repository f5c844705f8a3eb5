/** Helpers that renderers ship beside units (`RenderedUnit.tools`). */
import { sha256 } from '../controller/core/hashing.ts';
import type { RenderedTool } from './types.ts';

/** The store entry name of a tool: the digest of its files, then its name. */
export function toolEntryName(tool: RenderedTool): string {
  return `${sha256(JSON.stringify(tool.files)).slice(0, 32)}-${tool.name}`;
}
