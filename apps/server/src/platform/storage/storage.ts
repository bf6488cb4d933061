import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Keys are chosen by the caller (random, never guessable, never
 * derived from user input); `put` is atomic: a reader sees the whole object or nothing.
 */
export interface FileStorage {
  /** Stores the stream under `key`; rejects (and leaves nothing behind) when the stream fails. */
  put(key: string, stream: Readable): Promise<{ size: number }>;
  /** The object's bytes, or null when there is no such key. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export const STORAGE_KEY_PATTERN = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY_PATTERN.test(key) || key.includes('..') || key.includes('//')) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}
