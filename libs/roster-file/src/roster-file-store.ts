import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const STORAGE_KEY_PATTERN = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** A file moved into the store: its key, and whether this call put it there (or it was there already). */
export interface KeptRosterFile {
  storageKey: string;
  newlyStored: boolean;
}

/** Where accepted roster files live. Keys are content addresses, so a file is stored once. */
export abstract class RosterFileStore {
  /** Moves a fully received temporary file into the store under its sha256. */
  abstract keep(temporaryPath: string, sha256: string): Promise<KeptRosterFile>;
  /** Removes a stored file (one that no committed upload refers to). */
  abstract discard(storageKey: string): Promise<void>;
  abstract open(storageKey: string): Readable;
  /**
   * Opens a stored file once it can be read, or answers null when the store does not hold it (removed
   * since, or never kept): for a reader that must tell "gone" from a failure before it answers anyone.
   */
  abstract openIfStored(storageKey: string): Promise<Readable | null>;
  /** A directory for files still being received. */
  abstract temporaryDirectory(): Promise<string>;
  /** Keys of the stored files last changed before `cutoff` (candidates for the orphan sweep). */
  abstract storedBefore(cutoff: Date): Promise<string[]>;
  /** Removes files still being received that were last changed before `cutoff` (their upload died); returns how many. */
  abstract removeTemporaryBefore(cutoff: Date): Promise<number>;
}

/** The default store: a local (or mounted) directory, `sha256/<2 hex>/<64 hex>`. */
export class LocalDirectoryRosterFileStore extends RosterFileStore {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async keep(temporaryPath: string, sha256: string): Promise<KeptRosterFile> {
    // The digest becomes a path: anything but 64 lowercase hex digits could leave the store.
    if (!SHA256_PATTERN.test(sha256)) throw new Error('malformed sha256');
    const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
    const target = join(this.root, key);
    const alreadyStored = await stat(target).then(
      () => true,
      () => false,
    );
    if (alreadyStored) {
      await rm(temporaryPath, { force: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await rename(temporaryPath, target);
    }
    return { storageKey: key, newlyStored: !alreadyStored };
  }

  async discard(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  open(storageKey: string): Readable {
    return createReadStream(this.pathOf(storageKey));
  }

  async openIfStored(storageKey: string): Promise<Readable | null> {
    const stream = createReadStream(this.pathOf(storageKey));
    try {
      await once(stream, 'open'); // rejects with the stream's error, if it fails to open
      return stream;
    } catch (error) {
      stream.destroy();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async storedBefore(cutoff: Date): Promise<string[]> {
    const keys: string[] = [];
    const top = join(this.root, 'sha256');
    for (const prefix of await readdir(top).catch(() => [] as string[])) {
      for (const name of await readdir(join(top, prefix)).catch(() => [] as string[])) {
        const key = `sha256/${prefix}/${name}`;
        if (!STORAGE_KEY_PATTERN.test(key)) continue;
        const changed = await stat(join(top, prefix, name)).then((s) => s.mtime, () => undefined);
        if (changed && changed < cutoff) keys.push(key);
      }
    }
    return keys;
  }

  async removeTemporaryBefore(cutoff: Date): Promise<number> {
    const dir = await this.temporaryDirectory();
    let removed = 0;
    for (const name of await readdir(dir)) {
      const changed = await stat(join(dir, name)).then((s) => s.mtime, () => undefined);
      if (changed && changed < cutoff) {
        await rm(join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  private pathOf(storageKey: string): string {
    const match = STORAGE_KEY_PATTERN.exec(storageKey);
    if (!match || match[1] !== match[2].slice(0, 2)) throw new Error('malformed storage key');
    return join(this.root, storageKey);
  }

  async temporaryDirectory(): Promise<string> {
    const dir = join(this.root, 'incoming');
    await mkdir(dir, { recursive: true });
    return dir;
  }
}
