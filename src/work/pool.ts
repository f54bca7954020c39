import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ErrorCode, KiosqueError } from '../errors.js';

/**
 * Parsing and extraction of web pages, away from kiosque's own process.
 *
 * A page is data from anyone, and what reads it (htmlparser2's DOM, css-select, the
 * extractor) can be made to run for minutes (100,000 unclosed <table><tr><td>) or to
 * allocate far beyond the page's size. Each page job runs in a parser process with a
 * heap limit and a deadline: a bomb costs one source or one page a clear message, never
 * kiosque itself, and the screen stays responsive while a heavy page is read.
 *
 * Feeds are not read here any more: feeds/xml-feed.ts reads them in kiosque's own process,
 * in one pass over htmlparser2's XML events, keeping only the fields it maps, so that time
 * and memory stay linear in the text (nesting capped). feedsmith did run here: a 121-byte
 * RSS with <length>1000000000</length> made it build a billion-element array. In process, a
 * 50 KB feed costs about a millisecond, where a parser process costs some 100 ms to start
 * and its parsers a cold JIT (issue 12). A feed larger than IN_PROCESS_FEED (work/load.ts) still comes
 * here: read in process, a 10 MB one (the download cap) would hold the screen still for a
 * second or more.
 *
 * Processes, not worker threads: a worker's resourceLimits do not hold for every shape
 * of allocation. The feedsmith bomb above, in a worker with maxOldGenerationSizeMb: 256, aborts
 * the whole process ("FATAL ERROR: Reached heap limit", exit 134; nodejs/node#47224,
 * #65019). A child process that runs out of heap takes only itself down.
 *
 * At most MAX_PARSERS processes, started on the first job (a reload of feeds starts none),
 * reused, replaced when one dies or is killed at its deadline, and unreferenced while idle
 * so they never keep kiosque running.
 */

/** What a parser process is asked: which job, on which text, for which address. */
export interface ParseJob {
  /** `feed`: a feed's headlines; `entries`: its entries with their content (feeds/parse.ts readFeed), both for feeds over IN_PROCESS_FEED. */
  task: 'page' | 'article' | 'feed' | 'entries';
  text: string;
  /** Where the body came from, after redirects (links are resolved against it). */
  finalUrl: string;
  /** The address as asked for (named in messages). */
  url: string;
  /** For an article: the sites.json rule of its host (src/extract/site-rules.ts SiteRule), plain data the pool does not read. */
  siteRule?: unknown;
}

/** A job that stopped on a limit: the input is to blame, and the same bytes would do it again (except `crash`). */
export class ParseLimitError extends Error {
  override name = 'ParseLimitError';
  constructor(
    readonly reason: 'memory' | 'time' | 'depth' | 'crash',
    message: string,
  ) {
    super(message);
  }
}

/** The answer of the parser process: the value, or what was thrown (a KiosqueError's code and url kept). */
export type ParseReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string; url?: string; depth?: true } };

/** Sent to the parser process. */
export interface ParseRequest extends ParseJob {
  id: number;
}

/**
 * The limits of one job. Heap and time both grow with the size of the text, as honest
 * parsing does (a 10 MB page of 64,000 paragraphs, the download cap, takes some 8 s and
 * 250 MB here on a loaded machine), while a small input that blows up (the 121-byte feed)
 * meets the small heap within seconds.
 */
export interface ParseLimits {
  /** Heap of a parser process for inputs up to LARGE_INPUT characters, in MB. */
  smallMemoryMb: number;
  /** Heap of a parser process for larger inputs, in MB. */
  largeMemoryMb: number;
  /** Wall time for one job, in ms ... */
  deadlineMs: number;
  /** ... plus this much per million characters of its text. */
  deadlineMsPerMb: number;
}

const MAX_PARSERS = 2;
/** Past this many characters, a job goes to a process with the large heap. */
const LARGE_INPUT = 2_000_000;
const limits: ParseLimits = { smallMemoryMb: 128, largeMemoryMb: 1024, ...deadlineFrom(process.env['KIOSQUE_PARSE_SECONDS']) };

/**
 * A page gets 10 s and 1.5 s more per MB. KIOSQUE_PARSE_SECONDS sets the 10 s (the per-MB part
 * in the same proportion): more on a slow machine that gives up on large pages a fast one reads,
 * less for the tests of the deadline itself. Anything but a positive number leaves the default.
 */
function deadlineFrom(seconds: string | undefined): Pick<ParseLimits, 'deadlineMs' | 'deadlineMsPerMb'> {
  const base = Number(seconds);
  const deadlineMs = seconds !== undefined && Number.isFinite(base) && base > 0 ? Math.min(base, 3_600) * 1_000 : 10_000;
  return { deadlineMs, deadlineMsPerMb: deadlineMs * 0.15 };
}

/** For tests that need a shorter deadline than a user does; returns the limits as they were. */
export function setParseLimits(next: Partial<ParseLimits>): ParseLimits {
  const before = { ...limits };
  Object.assign(limits, next);
  return before;
}

type HeapClass = 'small' | 'large';
const heapClassOf = (job: ParseJob): HeapClass => (job.text.length > LARGE_INPUT ? 'large' : 'small');
const deadlineOf = (job: ParseJob) => Math.round(limits.deadlineMs + (limits.deadlineMsPerMb * job.text.length) / 1_000_000);

declare const __KIOSQUE_BUNDLED__: boolean | undefined;

/**
 * The parser process's entry file, one for each way kiosque runs:
 * - the command line's bundle (build/bundle.js): dist/bundle/parse-worker.js, beside the bundle's
 *   entry; this module is in dist/bundle/cli.js or in one of dist/bundle/chunks/ (esbuild decides).
 * - tsc's output: dist/parse-worker.js, one folder above this file (dist/work/pool.js).
 * - the TypeScript sources, under vitest: Node cannot run src/*.ts in another process, so the
 *   built dist/parse-worker.js is used, but only if it is newer than every file under src/:
 *   a stale build would test old parsers. Otherwise undefined, and callers parse in their own
 *   process (no isolation: only ever so from the sources; `npm test` and .ci/run build first,
 *   and the tests of the isolation itself skip, saying so).
 */
function resolveEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (typeof __KIOSQUE_BUNDLED__ === 'boolean') {
    const dir = path.dirname(here);
    return path.join(path.basename(dir) === 'chunks' ? path.dirname(dir) : dir, 'parse-worker.js');
  }
  if (!here.endsWith('.ts')) return path.join(path.dirname(here), '..', 'parse-worker.js');
  const src = path.resolve(path.dirname(here), '..');
  const built = path.join(src, '..', 'dist', 'parse-worker.js');
  if (!existsSync(built)) return undefined;
  return statSync(built).mtimeMs >= newestModification(src) ? built : undefined;
}

function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

let entry: { file: string | undefined } | undefined;

/** The parser process's entry, or undefined when running from sources that are newer than the build (see resolveEntry). */
export function parseWorkerEntry(): string | undefined {
  entry ??= { file: resolveEntry() };
  return entry.file;
}

interface Pending {
  job: ParseJob;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Parser {
  child: ChildProcess;
  heap: HeapClass;
  running: (Pending & { id: number; timer: NodeJS.Timeout }) | undefined;
}

const parsers = new Set<Parser>();
const queue: Pending[] = [];
let nextId = 1;
let started = 0;
let sent = 0;

/** How many parser processes were started in this process, how many are alive (a warm start starts none), and how many jobs they were given. */
export function parseStats(): { started: number; alive: number; jobs: number } {
  return { started, alive: parsers.size, jobs: sent };
}

/**
 * Runs `job` in a parser process and resolves to what it made. Rejects with a ParseLimitError
 * when the job exhausted the process's memory, its deadline or its stack, with what the job
 * threw otherwise. `inProcess` is the same job done here, used only when there is no built
 * parser entry (running from the sources, see resolveEntry).
 */
export function runParseJob<T>(job: ParseJob, inProcess: () => Promise<T>): Promise<T> {
  if (!parseWorkerEntry()) return inProcess();
  return new Promise<unknown>((resolve, reject) => {
    queue.push({ job, resolve, reject });
    pump();
  }) as Promise<T>;
}

/** Stops idle parser processes now (busy ones finish their job first, then idle unreferenced). */
export function closeParsers(): void {
  for (const parser of parsers) if (!parser.running) retire(parser);
}

/** Hands queued jobs, first come first served, to an idle process of their heap class, starting one if there is room. */
function pump(): void {
  while (queue.length > 0) {
    const heap = heapClassOf(queue[0]!.job);
    let parser = [...parsers].find((candidate) => !candidate.running && candidate.heap === heap);
    if (!parser) {
      // No room: an idle process of the other class makes way (a large page after small feeds).
      const other = parsers.size >= MAX_PARSERS ? [...parsers].find((candidate) => !candidate.running) : undefined;
      if (other) retire(other);
      if (parsers.size >= MAX_PARSERS) return;
      try {
        parser = start(heap);
      } catch (error) {
        // No process could be started (out of processes, out of memory): this job says so, the next tries again.
        queue.shift()!.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (!parser) return;
    }
    dispatch(parser, queue.shift()!);
  }
}

function retire(parser: Parser): void {
  parsers.delete(parser);
  parser.child.kill();
}

function start(heap: HeapClass): Parser | undefined {
  const file = parseWorkerEntry();
  if (!file) return undefined;
  started++;
  const child = fork(file, [], {
    // The heap limit, and none of the parent's flags (vitest's, a debugger's). A young generation of
    // 8 MB from the start: reading 50 feeds, one process collected garbage 22 times with the default
    // 1 MB start, 9 times with this, its pauses some 80 -> 30 ms.
    execArgv: [`--max-old-space-size=${heap === 'large' ? limits.largeMemoryMb : limits.smallMemoryMb}`, '--min-semi-space-size=8'],
    // The process must never touch the terminal: the reader owns it. What V8 says when the heap
    // runs out goes nowhere; the exit says it (SIGABRT).
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'advanced',
  });
  const parser: Parser = { child, heap, running: undefined };
  parsers.add(parser);
  idle(parser);
  child.on('message', (reply: ParseReply) => settle(parser, reply));
  child.on('error', (error) => fail(parser, error));
  child.on('exit', (code, signal) => {
    // An abort is V8 giving up on the heap limit; anything else unexpected is a crash.
    const why =
      signal === 'SIGABRT' || code === 134
        ? new ParseLimitError('memory', 'it exhausted the parser’s memory')
        : new ParseLimitError('crash', `the parser stopped unexpectedly (${signal ?? `exit ${code}`})`);
    fail(parser, why);
  });
  return parser;
}

function dispatch(parser: Parser, pending: Pending): void {
  const id = nextId++;
  const deadline = deadlineOf(pending.job);
  const timer = setTimeout(
    () => fail(parser, new ParseLimitError('time', `it took more than ${Math.round(deadline / 1000)} s to read`)),
    deadline,
  );
  parser.running = { ...pending, id, timer };
  // Busy: the process (and its channel) keep kiosque running until the answer comes.
  parser.child.ref();
  parser.child.channel?.ref();
  const request: ParseRequest = { id, ...pending.job };
  sent++;
  parser.child.send(request, (error) => {
    if (error) fail(parser, error);
  });
}

function idle(parser: Parser): void {
  parser.child.unref();
  parser.child.channel?.unref();
}

function settle(parser: Parser, reply: ParseReply): void {
  const running = parser.running;
  if (!running || running.id !== reply.id) return;
  clearTimeout(running.timer);
  parser.running = undefined;
  idle(parser);
  if (reply.ok) running.resolve(reply.value);
  else running.reject(revive(reply.error));
  pump();
}

/** The parser process is gone or unusable: its job (if any) fails with `error`, the next job gets a new process. */
function fail(parser: Parser, error: Error): void {
  if (!parsers.delete(parser)) return;
  const running = parser.running;
  parser.running = undefined;
  if (running) {
    clearTimeout(running.timer);
    running.reject(error);
  }
  if (parser.child.exitCode === null && parser.child.signalCode === null) parser.child.kill('SIGKILL');
  pump();
}

/** An error as thrown in the parser process: a KiosqueError stays one (a feed that is not a feed), anything else is an Error. */
function revive(error: Extract<ParseReply, { ok: false }>['error']): Error {
  if (error.depth) return new ParseLimitError('depth', 'it is nested too deeply to be read');
  if (error.name === 'KiosqueError' && error.code) {
    return new KiosqueError(error.code as ErrorCode, error.message, error.url === undefined ? {} : { url: error.url });
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}
