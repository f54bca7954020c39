import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openReadingState } from '../src/store/reading-state.js';
import { bundleScript } from './helpers/bundle.js';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

/**
 * Real kiosque processes on one data folder: the store bundled into a script.
 *   write DIR NAME COUNT   marks http://NAME/0 … read, one write each, printing each index once written ("forever": until killed)
 *   pair DIR NAME          opens the store, prints "ready", waits for "go", marks http://NAME/0 read
 *   hold DIR               takes the state file's lock as a kiosque writing does, prints "held", lets go on "release"
 * Every warning the store gives goes to stderr.
 */
let script: string;
beforeAll(() => {
  script = path.join(tmp('script'), 'kiosque-writer.mjs');
  bundleScript(
    `import { mkdirSync } from 'node:fs';
        import path from 'node:path';
        import { createInterface } from 'node:readline';
        import { openReadingState } from ${JSON.stringify(path.resolve('src/store/reading-state.ts'))};
        import { lockFile } from ${JSON.stringify(path.resolve('src/store/owned-lock.ts'))};
        const [mode, dir, name, count] = process.argv.slice(2);
        const say = (line) => process.stdout.write(line + '\\n');
        const input = createInterface({ input: process.stdin });
        const heard = (word) => new Promise((resolve) => input.on('line', (line) => line === word && resolve()));
        const open = () => openReadingState({ dir, onWarning: (message) => { console.error(message); process.exitCode = 1; } });
        if (mode === 'write') {
          input.close();
          const store = open();
          for (let i = 0; count === 'forever' || i < Number(count); i++) {
            store.apply([{ kind: 'read', urls: ['http://' + name + '/' + i], read: true }]);
            say(String(i));
          }
        } else if (mode === 'pair') {
          const store = open();
          say('ready');
          await heard('go');
          store.apply([{ kind: 'read', urls: ['http://' + name + '/0'], read: true }]);
          input.close();
        } else {
          mkdirSync(dir, { recursive: true });
          const release = lockFile(path.join(dir, 'state.json'));
          say('held');
          await heard('release');
          release();
          input.close();
        }`,
    script,
  );
});

interface Kiosque {
  child: ChildProcessWithoutNullStreams;
  /** Whole lines printed so far. */
  lines(): string[];
  stderr(): string;
  send(line: string): void;
  exited: Promise<number | null>;
}

function start(...args: string[]): Kiosque {
  const child = spawn(process.execPath, [script, ...args]);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    lines: () => out.split('\n').slice(0, -1),
    stderr: () => err,
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
  };
}

/** Waits on a condition, never on the clock (the timeout is only how long to wait before failing). */
const until = (check: () => boolean, what: string) =>
  vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting: ${what}`);
    },
    { timeout: 30_000, interval: 2 },
  );

const readMarks = (dir: string) =>
  Object.keys((JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as { read?: Record<string, string> }).read ?? {});

describe('reading state across crashed and concurrent kiosques', () => {
  it('a kiosque killed (kill -9) while writing leaves its lock; the next one takes it over at once and no mark is lost', async () => {
    const dir = tmp('crash');
    const lock = path.join(dir, 'state.json.lock');
    // A long-time reader's 3 MB state: each write holds the lock for a while, so kills land while it is held.
    const old = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [`https://news.example/${'section/'.repeat(15)}${i}`, '2020-01-01T00:00:00.000Z']),
    );
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ read: old, saved: {}, positions: {} }));
    const saidWritten: string[] = [];
    let locksLeftBehind = 0;
    for (let run = 0; run < 12; run++) {
      const writer = start('write', dir, `run${run}`, 'forever');
      await until(() => writer.lines().length > 0 && existsSync(lock), 'a mark written, and the lock held for the next one');
      writer.child.kill('SIGKILL');
      await writer.exited;
      if (existsSync(lock)) locksLeftBehind++;
      saidWritten.push(...writer.lines().map((index) => `http://run${run}/${index}`));
      // No "another kiosque is holding the file": the lock of the one killed before was taken over.
      expect(writer.stderr()).toBe('');
    }
    // What the killed ones left (the lock, half-written copies of the 3 MB file), as the next run an hour later finds it.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const name of readdirSync(dir)) if (name !== 'state.json') utimesSync(path.join(dir, name), anHourAgo, anHourAgo);
    const next = start('write', dir, 'next', '1');
    expect(await next.exited).toBe(0);
    expect(next.stderr()).toBe('');
    const onDisk = new Set(readMarks(dir));
    expect(saidWritten.filter((url) => !onDisk.has(url))).toEqual([]);
    expect(onDisk.has('http://next/0')).toBe(true);
    expect(readdirSync(dir)).toEqual(['state.json']);
    // The loop did kill kiosques holding the lock (else it proved nothing).
    expect(locksLeftBehind).toBeGreaterThan(0);
  }, 180_000);

  it('a mark made while another kiosque holds the file is kept, and written when it lets go with no further key', async () => {
    const dir = tmp('held');
    const file = path.join(dir, 'state.json');
    const holder = start('hold', dir);
    await until(() => holder.lines().includes('held'), 'the other kiosque holding the file');
    const warnings: string[] = [];
    const store = openReadingState({ dir, onWarning: (message) => warnings.push(message) });
    store.apply([{ kind: 'read', urls: ['http://a/'], read: true }]);
    expect(warnings.join(' ')).toMatch(/another kiosque is holding the file/);
    expect(Object.keys(store.current().read)).toEqual(['http://a/']);
    holder.send('release');
    await holder.exited;
    await until(() => existsSync(file) && readMarks(dir).includes('http://a/'), 'the pending mark written');
    expect(warnings.at(-1)).toMatch(/saved again/);
    expect(Object.keys(openReadingState({ dir }).current().read)).toEqual(['http://a/']);
  }, 60_000);

  it('the next write carries the marks that could not be written, and none vanishes from the reader', async () => {
    const dir = tmp('held');
    const holder = start('hold', dir);
    await until(() => holder.lines().includes('held'), 'the other kiosque holding the file');
    const store = openReadingState({ dir });
    store.apply([{ kind: 'read', urls: ['http://a/'], read: true }]);
    store.apply([{ kind: 'read', urls: ['http://b/'], read: true }]);
    holder.send('release');
    await holder.exited;
    const state = store.apply([{ kind: 'read', urls: ['http://c/'], read: true }]);
    expect(Object.keys(state.read).sort()).toEqual(['http://a/', 'http://b/', 'http://c/']);
    expect(readMarks(dir).sort()).toEqual(['http://a/', 'http://b/', 'http://c/']);
  }, 60_000);

  it('two kiosques starting at once on a fresh data folder both keep their mark, run after run', async () => {
    const lost: string[] = [];
    for (let round = 0; round < 8; round++) {
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          const dir = path.join(tmp('fresh'), 'kiosque'); // not there yet: the first write makes it
          const one = start('pair', dir, 'one');
          const two = start('pair', dir, 'two');
          await until(() => one.lines().includes('ready') && two.lines().includes('ready'), 'both kiosques open');
          one.send('go');
          two.send('go');
          const codes = await Promise.all([one.exited, two.exited]);
          expect(codes).toEqual([0, 0]);
          expect(one.stderr() + two.stderr()).toBe('');
          const onDisk = readMarks(dir);
          for (const url of ['http://one/0', 'http://two/0']) if (!onDisk.includes(url)) lost.push(`${dir}: ${url}`);
        }),
      );
    }
    expect(lost).toEqual([]);
  }, 180_000);
});
