import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptDataFileError, DurableJsonFile } from './DurableJsonFile.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baton-durable-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DurableJsonFile', () => {
  it('When the file does not exist, then read returns null', async () => {
    expect(await new DurableJsonFile(path.join(dir, 'db.json')).read()).toBeNull();
  });

  it('When data is written, then a new adapter reads it back and no temp file is left', async () => {
    const file = path.join(dir, 'db.json');
    await new DurableJsonFile<{ n: number }>(file).write({ n: 1 });
    expect(await new DurableJsonFile<{ n: number }>(file).read()).toEqual({ n: 1 });
    expect(await readdir(dir)).toEqual(['db.json']);
  });

  it('When many writes are started at once, then all resolve and the last one wins', async () => {
    const file = path.join(dir, 'db.json');
    const adapter = new DurableJsonFile<{ n: number }>(file);
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 19 });
    expect(await readdir(dir)).toEqual(['db.json']);
  });

  it('When the data is changed after write is called, then the saved copy is the one given', async () => {
    const file = path.join(dir, 'db.json');
    const data = { n: 1 };
    const written = new DurableJsonFile<{ n: number }>(file).write(data);
    data.n = 2;
    await written;
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 1 });
  });

  it('When the file is not valid JSON, then read throws an error naming the file', async () => {
    const file = path.join(dir, 'db.json');
    await writeFile(file, '{"flows": {');
    const read = new DurableJsonFile(file).read();
    await expect(read).rejects.toBeInstanceOf(CorruptDataFileError);
    await expect(read).rejects.toThrow(file);
  });

  it('When the directory is gone, then write rejects and a later write still works', async () => {
    const adapter = new DurableJsonFile<{ n: number }>(path.join(dir, 'missing', 'db.json'));
    await expect(adapter.write({ n: 1 })).rejects.toThrow();
    const ok = new DurableJsonFile<{ n: number }>(path.join(dir, 'db.json'));
    await ok.write({ n: 2 });
    expect(await ok.read()).toEqual({ n: 2 });
  });
});
