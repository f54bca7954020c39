import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { bundleScript } from './bundle.js';

/**
 * A kiosque writing to a cache in a process of its own (the real DiskCache, bundled), to be
 * run side by side with another or killed (kill -9) mid-write.
 *
 *   node writer.mjs DIR NAME COUNT MAX_BYTES
 *
 * Writes COUNT entries (or "forever", until killed), eight at a time, to addresses
 * http://NAME/0 … http://NAME/19 (so most writes replace an entry), with bodies of sizes that
 * change from one write to the next, in a cache of MAX_BYTES; prints each index once written.
 * Ends as a command does (the cache closes at exit). Warnings go to stderr.
 */
let script: string | undefined;

function writerScript(): string {
  if (script) return script;
  script = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosque-cache-writer-')), 'cache-writer.mjs');
  bundleScript(
    `import { DiskCache } from ${JSON.stringify(path.resolve('src/net/cache.ts'))};
     const [dir, name, count, maxBytes] = process.argv.slice(2);
     const cache = new DiskCache(dir, { maxBytes: Number(maxBytes), onWarning: (message) => console.error(message) });
     const put = (i) => {
       const url = 'http://' + name + '/' + (i % 20);
       const body = Buffer.alloc(500 + ((i * 7919) % 20_000), 0x61 + (i % 26));
       return cache.put({ url, finalUrl: url, policy: {}, body }).then(() => process.stdout.write(i + '\\n'));
     };
     for (let i = 0; count === 'forever' || i < Number(count); i += 8) {
       await Promise.all(Array.from({ length: 8 }, (_, k) => put(i + k)));
     }`,
    script,
  );
  return script;
}

export interface CacheWriter {
  child: ChildProcessWithoutNullStreams;
  /** Indexes written so far. */
  written(): number;
  stderr(): string;
  exited: Promise<number | null>;
}

export function startCacheWriter(dir: string, name: string, count: number | 'forever', maxBytes: number): CacheWriter {
  const child = spawn(process.execPath, [writerScript(), dir, name, String(count), String(maxBytes)]);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, written: () => out.split('\n').length - 1, stderr: () => err, exited };
}

/** Waits on a condition, never on the clock (the timeout is only how long to wait before failing). */
export const until = (check: () => boolean, what: string) =>
  vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting: ${what}`);
    },
    { timeout: 30_000, interval: 2 },
  );
