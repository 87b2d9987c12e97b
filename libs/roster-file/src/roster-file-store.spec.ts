import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { LocalDirectoryRosterFileStore } from './roster-file-store';

describe('LocalDirectoryRosterFileStore', () => {
  let root: string;
  let store: LocalDirectoryRosterFileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'roster-file-store-'));
    store = new LocalDirectoryRosterFileStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function receive(content: string): Promise<{ path: string; sha256: string }> {
    const path = join(await store.temporaryDirectory(), `${Math.random()}`);
    await writeFile(path, content);
    return { path, sha256: createHash('sha256').update(content).digest('hex') };
  }

  it('keeps a received file under its sha256 key and opens it by that key', async () => {
    const file = await receive('NPI,Last Name\r\n1234567893,Souza\r\n');
    const { storageKey: key, newlyStored } = await store.keep(file.path, file.sha256);

    expect(newlyStored).toBe(true);
    expect(key).toBe(`sha256/${file.sha256.slice(0, 2)}/${file.sha256}`);
    expect(await readFile(join(root, key), 'utf8')).toBe('NPI,Last Name\r\n1234567893,Souza\r\n');
    expect(await text(store.open(key))).toBe('NPI,Last Name\r\n1234567893,Souza\r\n');
    await expect(stat(file.path)).rejects.toThrow(); // moved, not copied
  });

  it('stores an identical file once', async () => {
    const first = await receive('same bytes');
    const second = await receive('same bytes');
    const firstKept = await store.keep(first.path, first.sha256);
    const secondKept = await store.keep(second.path, second.sha256);

    expect(secondKept).toEqual({ storageKey: firstKept.storageKey, newlyStored: false });
    expect(await readdir(join(root, 'sha256', first.sha256.slice(0, 2)))).toEqual([first.sha256]);
    expect(await readdir(await store.temporaryDirectory())).toEqual([]); // the duplicate upload is removed
  });

  it('discards a stored file by its key, and refuses a malformed key', async () => {
    const file = await receive('refused upload');
    const { storageKey } = await store.keep(file.path, file.sha256);
    await store.discard(storageKey);
    expect(await readdir(join(root, 'sha256', file.sha256.slice(0, 2)))).toEqual([]);
    await expect(store.discard('../../etc/passwd')).rejects.toThrow('malformed storage key');
  });

  it('refuses malformed keys on open', () => {
    const hash = 'ab'.repeat(32);
    for (const key of [
      '../../etc/passwd',
      `sha256/ab/../../${hash}`,
      `sha256/AB/${hash.toUpperCase()}`,
      `sha256/ab/${hash}x`,
      `sha256/cd/${hash}`, // directory does not match the digest
      `/sha256/ab/${hash}`,
      '',
    ]) {
      expect(() => store.open(key)).toThrow('malformed storage key');
    }
    const wellFormed = store.open(`sha256/ab/${hash}`); // not stored: fails when read, not when opened
    wellFormed.on('error', () => undefined).destroy();
  });

  it('opens a stored file only once it can be read, and answers null for a file it does not hold', async () => {
    const file = await receive('NPI\r\n1234567893\r\n');
    const { storageKey } = await store.keep(file.path, file.sha256);
    const opened = await store.openIfStored(storageKey);
    expect(opened && (await text(opened))).toBe('NPI\r\n1234567893\r\n');

    await store.discard(storageKey);
    expect(await store.openIfStored(storageKey)).toBeNull();
    expect(await store.openIfStored(`sha256/ab/${'ab'.repeat(32)}`)).toBeNull();
    await expect(store.openIfStored('../../etc/passwd')).rejects.toThrow('malformed storage key');
  });

  it('refuses a malformed sha256 on keep', async () => {
    const file = await receive('x');
    await expect(store.keep(file.path, '../../escape')).rejects.toThrow('malformed sha256');
    await expect(store.keep(file.path, file.sha256.toUpperCase())).rejects.toThrow('malformed sha256');
  });
});
