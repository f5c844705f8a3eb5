/** Content hashing, so that equal content always hashes equal. */
import * as crypto from 'node:crypto';

/**
 * Node's one-shot hash (20.12 and later; engines allows 20.10, hence no named import): the same digest as
 * createHash, without a Hash object per call (tens of thousands of units are hashed at a time).
 */
const oneShot = typeof crypto.hash === 'function';

/** sha256 of a text, as hex. */
export function sha256(text: string | Uint8Array): string {
  return oneShot
    ? crypto.hash('sha256', text, 'hex')
    : crypto.createHash('sha256').update(text).digest('hex');
}
