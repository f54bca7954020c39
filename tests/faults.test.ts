import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { DiskCache } from '../src/net/cache.js';
import { type FaultServer, startFaultServer } from './helpers/faults.js';

let faults: FaultServer;
beforeAll(async () => {
  faults = await startFaultServer();
});
afterAll(() => faults.close());

const TIMEOUT_S = 2;

async function read(url: string, cacheDir: string, ...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await main(['read', url, '--timeout', String(TIMEOUT_S), '--cache-dir', cacheDir, ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    columns: 80,
  });
  return { code, stdout, stderr, seconds: (performance.now() - started) / 1000 };
}

/** Each fault: what the command line must say, and with which exit status. */
const CASES: Array<{ fault: string; url: () => string; code: number; message: RegExp; kept?: true }> = [
  { fault: 'a refused connection', url: () => faults.refused, code: 3, message: /refused the connection/ },
  { fault: 'a DNS failure', url: () => 'http://kiosque-no-such-host.invalid/', code: 3, message: /could not be (found|looked up)/ },
  { fault: 'a server that accepts and never answers', url: () => `${faults.origin}/silent`, code: 3, message: /did not answer within 2 s/ },
  { fault: 'headers, then a stall', url: () => `${faults.origin}/stall`, code: 3, message: /did not answer within 2 s/ },
  { fault: 'a reset in the middle of the body', url: () => `${faults.origin}/reset`, code: 3, message: /broke off the connection/ },
  { fault: 'a 404 with an HTML body', url: () => `${faults.origin}/404`, code: 3, message: /answered 404 Not Found/ },
  { fault: 'a 500 with an HTML body', url: () => `${faults.origin}/500`, code: 3, message: /answered 500 Internal Server Error/ },
  { fault: 'a redirect loop', url: () => `${faults.origin}/loop-a`, code: 3, message: /redirects in a loop/ },
  {
    fault: 'a redirect to file:',
    url: () => `${faults.origin}/to-file`,
    code: 3,
    message: /redirected to a file: address, which kiosque does not follow/,
  },
  {
    fault: 'a redirect to javascript:',
    url: () => `${faults.origin}/to-javascript`,
    code: 3,
    message: /redirected to a javascript: address/,
  },
  {
    fault: 'a body over the size cap',
    url: () => `${faults.origin}/huge`,
    code: 3,
    message: /larger than 10 MB; kiosque stopped reading it/,
  },
  { fault: 'a gzip bomb', url: () => `${faults.origin}/gzip-bomb`, code: 3, message: /larger than 10 MB; kiosque stopped reading it/ },
  { fault: 'truncated gzip', url: () => `${faults.origin}/truncated-gzip`, code: 3, message: /truncated compressed body|broke off/ },
  {
    fault: 'a PDF where a page should be',
    url: () => `${faults.origin}/pdf`,
    code: 4,
    message: /is not a web page \(application\/pdf\)/,
    kept: true,
  },
  {
    fault: 'no content type and binary bytes',
    url: () => `${faults.origin}/no-type-binary`,
    code: 4,
    message: /is not a web page \(unknown type\)/,
    kept: true,
  },
  { fault: 'a server that does not speak HTTP', url: () => faults.notHttp, code: 3, message: /^kiosque: .*127\.0\.0\.1/ },
  {
    // A usage error, as for every command that takes an address.
    fault: 'an address that is not http',
    url: () => 'ftp://example.org/file',
    code: 2,
    message: /"ftp:\/\/example\.org\/file" is not an http or https address/,
  },
];

describe('faults, from the command line', () => {
  it.each(CASES)('$fault: a plain message, exit $code, in bounded time, no damaged cache entry', async ({ url, code, message, kept }) => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-fault-'));
    const result = await read(url(), cacheDir);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^kiosque: /);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/); // no stack trace
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.code).toBe(code);
    // Bounded: the timeout, one retry of a transient failure and its back-off at most.
    expect(result.seconds).toBeLessThan(TIMEOUT_S * 2 + 3);
    // Nothing poisons the cache: no entry for a failed transfer; a complete answer that is
    // simply not a page (a PDF) is kept as it came, and reading it again says the same.
    expect((await new DiskCache(cacheDir).info()).entries).toBe(kept ? 1 : 0);
    if (kept) {
      const again = await read(url(), cacheDir, '--offline');
      expect([again.code, again.stderr]).toEqual([code, result.stderr]);
    }
  });

  it('--json puts the same failure on stderr as one JSON object with its code', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-fault-'));
    const result = await read(`${faults.origin}/silent`, cacheDir, '--json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stderr)).toEqual({
      error: { code: 'TIMEOUT', message: expect.stringMatching(/did not answer within 2 s/), url: `${faults.origin}/silent` },
    });
  });

  it('a page with no content type but HTML bytes is read, as browsers do', async () => {
    const result = await read(`${faults.origin}/no-type-html`, mkdtempSync(path.join(os.tmpdir(), 'kiosque-fault-')));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Un article\n/);
  });

  it('a fault after a good read serves the good copy, marked as an offline copy', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-fault-'));
    expect((await read(`${faults.origin}/ok`, cacheDir)).code).toBe(0);
    // The same cache, the server gone: the copy is served and said to be old.
    const result = await read(`${faults.origin}/ok`, cacheDir, '--offline');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Un article/);
  });

  it('a feed that is not a feed, the only source: a headline error, exit 3 (no source could be read)', async () => {
    let stderr = '';
    const code = await main(
      ['headlines', `${faults.origin}/not-a-feed`, '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-fault-'))],
      {
        stdout: () => {},
        stderr: (t) => (stderr += t),
        columns: 80,
      },
    );
    expect(code).toBe(3);
    expect(stderr).toMatch(/^kiosque: .*not-a-feed/);
  });
});
