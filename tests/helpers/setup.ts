import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { afterAll, afterEach, beforeEach } from 'vitest';

/**
 * Runs before each test file (vitest.config.ts `setupFiles`), before the file imports src/.
 *
 * 1. Seals the tests off from the user's machine: HOME, every XDG folder and every
 *    KIOSQUE_* folder point inside one fresh temporary folder, removed after the file.
 *    env-paths (src/store/paths.ts) reads HOME and XDG_* when src/ is first imported,
 *    which is after this; the KIOSQUE_* variables are read at each call. Child processes
 *    (the built CLI, tmux servers, npm) inherit process.env, so they are sealed too.
 * 2. Fails a test during which React warned (duplicate keys, missing keys, act(), …).
 */

// --- 1. Folders -------------------------------------------------------------------------

const root = mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-home-'));
const folder = (...parts: string[]) => {
  const dir = path.join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const SEALED: Record<string, string> = {
  HOME: folder('home'),
  XDG_CONFIG_HOME: folder('home', '.config'),
  XDG_CACHE_HOME: folder('home', '.cache'),
  XDG_DATA_HOME: folder('home', '.local', 'share'),
  XDG_STATE_HOME: folder('home', '.local', 'state'),
  KIOSQUE_CACHE_DIR: folder('kiosque', 'cache'),
  KIOSQUE_CONFIG_DIR: folder('kiosque', 'config'),
  KIOSQUE_DATA_DIR: folder('kiosque', 'data'),
  // Every folder a test makes with mkdtemp(os.tmpdir()) lands here too, and goes with it.
  TMPDIR: folder('tmp'),
};

const before: Record<string, string | undefined> = {};
const outerHome = process.env['HOME'];
for (const [name, value] of Object.entries(SEALED)) {
  before[name] = process.env[name];
  process.env[name] = value;
}
// `npx vitest` / `npm test` hand down npm_config_cache, _userconfig and _init_module under the
// user's HOME; an npm a test starts (e2e-tmux runs `npm start`) would write its logs there.
// Without them, npm takes its folders from the HOME above.
if (outerHome && outerHome !== '/') {
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_config_/i.test(name) && value && (value === outerHome || value.startsWith(`${outerHome}/`))) {
      before[name] = value;
      delete process.env[name];
    }
  }
}

afterAll(() => {
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
});

// --- 2. React warnings ------------------------------------------------------------------

/** What React (react-reconciler, via Ink) says when a component is wrong. React 19 says it with console.error. */
const REACT_WARNING = [
  /Encountered two children with the same key/,
  /Each child in a list should have a unique/,
  /\bWarning: /,
  /\bact\(/,
  /Cannot update a component .* while rendering a different component/,
  /Maximum update depth exceeded/,
  /Can't perform a React state update/,
  /React does not recognize the/,
  /Invalid hook call/,
  /The above error occurred in/,
  /An error occurred in the <\w+> component/,
];

const heard: string[] = [];
const listen = (said: string) => {
  if (REACT_WARNING.some((pattern) => pattern.test(said))) heard.push(said);
};

const originalError = console.error;
const originalWarn = console.warn;
// eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, and called with process.stderr as this.
const originalStderrWrite = process.stderr.write;

// Plain replacement, not vi.spyOn: a test's vi.restoreAllMocks() must not take the wrappers off.
// Kept for the whole file, so that a warning given after a test's last await (an effect, an
// unmount) is still heard: by the next afterEach, or at the latest by afterAll.
console.error = (...args: unknown[]) => {
  listen(format(...args));
  originalError.apply(console, args);
};
console.warn = (...args: unknown[]) => {
  listen(format(...args));
  originalWarn.apply(console, args);
};
// React 19 warns through console.error; this is in case React or Ink ever writes to stderr directly.
process.stderr.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
  listen(typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
  return (originalStderrWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
};

/** Said between tests (a beforeAll, an afterAll, a late effect): reported by afterAll. */
const outside: string[] = [];

function complain(when: string, said: string[]) {
  if (said.length === 0) return;
  const messages = [...new Set(said)];
  said.length = 0;
  throw new Error(`React warned ${when}:\n${messages.map((message) => `  ${message}`).join('\n')}`);
}

beforeEach(() => {
  outside.push(...heard.splice(0));
});

afterEach(() => complain('during this test', heard));

afterAll(() => {
  console.error = originalError;
  console.warn = originalWarn;
  process.stderr.write = originalStderrWrite;
  complain('in this file, outside a test', [...outside, ...heard]);
});
