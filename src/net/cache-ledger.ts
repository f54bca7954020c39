import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The cache's size, kept without listing the cache: a small append-only file, `<dir>/ledger`,
 * that every kiosque writing to the cache adds its changes to, so that a reload's cost does not
 * grow with the cache (listing 50,000 entries is 50,000 `stat` calls; the ledger is a few lines).
 *
 *   kiosque-cache-ledger 1          the format
 *   base 1234567                    the size found by the last listing (or the last compaction)
 *   open <token> <pid> <host>       a kiosque started writing
 *   +40960 / -38012                 a change it made, in bytes, once made
 *   close <token>                   it stopped writing, every change of its recorded
 *
 * The size is the base plus every change after it. Each change is counted by the process
 * that made it, exactly: a replaced entry is first claimed (renamed aside) by whoever replaces
 * it, so two kiosques replacing one entry each subtract only what they displaced (cache.ts).
 *
 * The ledger is rebuilt from one listing of the cache (sweeping what killed writers left) when
 * it is missing or unreadable, and when a kiosque that wrote is gone without its `close`: it may
 * have died between a change and its record. Every later start reads the few lines again. When
 * it grows long and no other kiosque is writing, it is compacted into one `base` line.
 *
 * Known limit: a rebuild while another kiosque is writing can miss or double the few changes in
 * flight during its listing; the next listing (the next eviction) sets the size right.
 */

const FORMAT = 'kiosque-cache-ledger 1';
/** Past this many lines, a start with no other writer folds the ledger into its base. */
const COMPACT_LINES = 2_000;
/** A record is appended to the file, never created with it: a missing ledger stays missing, and is rebuilt. */
const APPEND_ONLY = constants.O_WRONLY | constants.O_APPEND;

export const LEDGER_NAME = 'ledger';
export const ledgerFileOf = (dir: string) => path.join(dir, LEDGER_NAME);
/** The ledger, or one being rewritten (`ledger.<token>.tmp`): kiosque's own names at the folder's top. */
export const isLedgerName = (name: string) => name === LEDGER_NAME || /^ledger\.[0-9a-f]+\.tmp$/.test(name);

interface Writer {
  token: string;
  pid: number;
  host: string;
}

/** What a ledger file says: its size, the writers it names that never closed, and its length. */
interface Reading {
  /** False for a file that is not a ledger, or a size below zero: to be rebuilt (the other fields are empty then). */
  valid: boolean;
  bytes: number;
  open: Writer[];
  lines: number;
  /** The text read (up to its last whole line): what a rebuild compares with before replacing it. */
  text: string;
}

/** Tokens of the ledgers this process writes to now: a writer with our pid and another token is a dead one's. */
const ownTokens = new Set<string>();
/** Ledgers to close at exit: a process that ends cleanly says so (synchronously, the last thing it does). */
const toClose = new Set<CacheLedger>();
let exitHooked = false;

/** Where a listing began: what must not have changed meanwhile for the listing to be the ledger's size. */
export interface ListingMark {
  started: number;
  inFlight: number;
  text: string | undefined;
}

/** The size of the cache in `dir`, as the ledger keeps it. `list` lists the cache (for a rebuild). */
export class CacheLedger {
  private readonly file: string;
  private tokenMade: string | undefined;
  /** Made on first need, a write: OpenSSL's generator, seeded on its first use, cost a few ms of every start, a reload that writes nothing included. */
  private get token(): string {
    return (this.tokenMade ??= randomBytes(8).toString('hex'));
  }
  private opening: Promise<void> | undefined;
  /** The size as last read, plus this process's changes since. */
  private bytes = 0;
  /** The ledger file's length as last read, plus what this process appended since: when it is still that, nobody else wrote. */
  private fileLength = -1;
  /** Changes made and not yet appended (appended together, once per turn of the event loop). */
  private unwritten = 0;
  private flushing: Promise<void> | undefined;
  /** An append under way: closing now could write `close` before the change it carries. */
  private appending = false;
  /** Changes begun (a file written, moved or removed) and not yet recorded: a close with any is not clean. */
  private inFlight = 0;
  /** Changes begun, ever: a listing during which one began may or may not show it. */
  private started = 0;
  /** A record could not be appended: the ledger is wrong now, and must not be closed as if right. */
  private broken = false;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly list: () => Promise<number>,
  ) {
    this.file = ledgerFileOf(dir);
  }

  /**
   * The size of the cache: as this process knows it, read again if another kiosque wrote since. Reads
   * the ledger (or rebuilds it) on first call.
   */
  async refresh(): Promise<number> {
    await this.begin();
    await this.flush();
    // One stat: read again only if another kiosque appended (or rewrote it) since.
    const length = await stat(this.file).then(
      (info) => info.size,
      () => -1,
    );
    if (length === this.fileLength) return this.bytes + this.unwritten;
    const reading = await this.read();
    if (reading && !this.isWrong(reading)) this.bytes = reading.bytes;
    return this.bytes + this.unwritten;
  }

  /**
   * Runs `change`, which alters the cache's files and tells `count` each size it added (negative:
   * removed) as it happens, failing or not; these are recorded. While it runs, the change is in
   * flight: exiting then leaves the ledger open, and the next start rebuilds it.
   */
  async change<T>(change: (count: (bytes: number) => void) => Promise<T>): Promise<T> {
    await this.begin();
    this.inFlight++;
    this.started++;
    try {
      return await change((bytes) => {
        this.unwritten += bytes;
        this.scheduleFlush();
      });
    } finally {
      this.inFlight--;
    }
  }

  /** To be taken just before listing the cache, and handed to `listed` with what the listing found. */
  async beforeListing(): Promise<ListingMark> {
    await this.begin();
    await this.flush();
    const reading = await this.read();
    return { started: this.started, inFlight: this.inFlight, text: reading?.text };
  }

  /**
   * The size a listing found: the truth, written down if nothing changed the cache while it listed
   * (no change of this kiosque began or was under way, no other kiosque wrote or had the ledger open).
   * Returns whether it was written (else the ledger keeps what it says, right by construction).
   */
  async listed(bytes: number, mark: ListingMark): Promise<boolean> {
    await this.flush();
    const reading = await this.read();
    if (!reading || this.isWrong(reading)) return this.rebuild(() => Promise.resolve(bytes), reading);
    const quiet =
      mark.inFlight === 0 &&
      mark.started === this.started &&
      mark.text === reading.text &&
      reading.open.every((writer) => writer.token === this.token);
    if (quiet && reading.bytes !== bytes) await this.append(`${signed(bytes - reading.bytes)}\n`);
    this.bytes = quiet ? bytes : reading.bytes;
    return quiet;
  }

  /** Forgets the ledger (the cache was cleared): the next writer rebuilds it from a listing. */
  async forget(): Promise<void> {
    this.opening = undefined;
    this.bytes = 0;
    this.unwritten = 0;
    await unlink(this.file).catch(() => {});
  }

  /** A change whose size could not be told: the ledger is left open, and the next start rebuilds it. */
  doubt(): void {
    this.broken = true;
  }

  /**
   * Says this process is done writing, if every change it made is recorded (else the ledger is left
   * open, and rebuilt by the next start). Synchronous: it runs at exit too.
   */
  close(): void {
    toClose.delete(this);
    if (this.closed || !this.opening) return;
    this.closed = true;
    ownTokens.delete(this.token);
    if (this.inFlight > 0 || this.broken || this.appending) return;
    try {
      const pending = this.unwritten ? `${signed(this.unwritten)}\n` : '';
      this.unwritten = 0;
      const fd = openSync(this.file, APPEND_ONLY);
      try {
        writeSync(fd, `${pending}close ${this.token}\n`);
      } finally {
        closeSync(fd);
      }
    } catch {
      // The ledger is gone or read-only: the next start rebuilds it, or reads it as it is.
    }
  }

  private begin(): Promise<void> {
    this.opening ??= this.start();
    return this.opening;
  }

  private async start(): Promise<void> {
    ownTokens.add(this.token);
    toClose.add(this);
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', () => {
        for (const ledger of toClose) ledger.close();
      });
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const reading = await this.read();
      if (reading && !this.isWrong(reading)) {
        const others = reading.open.filter((writer) => writer.token !== this.token);
        if (reading.lines > COMPACT_LINES && others.length === 0) {
          await this.compact(reading.bytes);
          return;
        }
        this.bytes = reading.bytes;
        await this.append(this.openLine());
        return;
      }
      // Missing or wrong: listed, by one kiosque only (see rebuild); another that got there first is read instead.
      if (await this.rebuild(() => this.list(), reading)) return;
    }
    this.broken = true;
  }

  /**
   * Puts a new ledger, of the size `listing` finds, in place of a missing one or of `wrong` (one with
   * a dead writer). That one is claimed first (renamed aside, and put back if it is not the one judged
   * wrong: another kiosque rebuilt it meanwhile), and the new one is linked in, which fails if another
   * kiosque put one there meanwhile. Two kiosques starting together on a cache without a ledger so never
   * write over each other's (the second would lose the changes the first made while it listed).
   * False when another got there first: its ledger is to be read.
   */
  private async rebuild(listing: () => Promise<number>, wrong: Reading | undefined): Promise<boolean> {
    const temp = path.join(this.dir, `${LEDGER_NAME}.${this.token}.tmp`);
    try {
      if (wrong) {
        try {
          await rename(this.file, temp);
        } catch {
          return false; // claimed by another kiosque, rebuilding it now
        }
        const claimed = await readFile(temp, 'utf8').catch(() => '');
        if (!claimed.startsWith(wrong.text)) {
          await link(temp, this.file).catch(() => {});
          return false;
        }
      }
      const bytes = await listing();
      const alive = (wrong?.open ?? []).filter((writer) => writer.token !== this.token && isAlive(writer));
      const lines = [FORMAT, `base ${bytes}`, ...alive.map((writer) => `open ${writer.token} ${writer.pid} ${writer.host}`)];
      await writeFile(temp, lines.join('\n') + '\n' + this.openLine());
      try {
        await link(temp, this.file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') return false;
        // No hard links on this file system: a rename, which may replace one put there meanwhile.
        if (!NO_LINKS.has(code)) throw error;
        await rename(temp, this.file);
      }
      this.bytes = bytes;
      return true;
    } catch {
      // A folder that cannot be written: the cache itself says so; the size is listed, and not kept.
      this.bytes = await listing().catch(() => 0);
      this.broken = true;
      return true;
    } finally {
      await unlink(temp).catch(() => {});
    }
  }

  /** Folds a long ledger into its base, when no other kiosque is writing (it would append to the file replaced). */
  private async compact(bytes: number): Promise<void> {
    const temp = path.join(this.dir, `${LEDGER_NAME}.${this.token}.tmp`);
    this.bytes = bytes;
    try {
      await writeFile(temp, `${FORMAT}\nbase ${bytes}\n${this.openLine()}`);
      await rename(temp, this.file);
    } catch {
      await unlink(temp).catch(() => {});
      this.broken = true;
    }
  }

  private openLine(): string {
    return `open ${this.token} ${process.pid} ${os.hostname()}\n`;
  }

  /** Whether the ledger must be rebuilt: not one, or a writer named in it died (mid-change, perhaps). */
  private isWrong(reading: Reading): boolean {
    return !reading.valid || reading.open.some((writer) => writer.token !== this.token && !isAlive(writer));
  }

  /** The ledger as written, or undefined when it is missing. */
  private async read(): Promise<Reading | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch {
      return undefined;
    }
    // A line without its end is another kiosque's append read while under way (one write() each,
    // so a killed one leaves none half done): it counts once complete, at the next reading.
    const text = raw.slice(0, raw.lastIndexOf('\n') + 1);
    const lines = text.slice(0, -1).split('\n');
    const invalid: Reading = { valid: false, bytes: 0, open: [], lines: 0, text: raw };
    if (lines[0] !== FORMAT) return invalid;
    const base = /^base (\d+)$/.exec(lines[1] ?? '');
    if (!base) return invalid;
    let bytes = Number(base[1]);
    const open = new Map<string, Writer>();
    for (let i = 2; i < lines.length; i++) {
      const line = lines[i]!;
      const first = line.charCodeAt(0);
      if (first === 43 /* + */ || first === 45 /* - */) {
        const delta = Number(line);
        if (!Number.isSafeInteger(delta)) return invalid;
        bytes += delta;
        continue;
      }
      const [word, token, pid, host] = line.split(' ');
      if (word === 'open' && token && pid && /^\d+$/.test(pid) && host) open.set(token, { token, pid: Number(pid), host });
      else if (word === 'close' && token) open.delete(token);
      else return invalid;
    }
    // Below zero: changes recorded that never happened as written; the listing knows better.
    if (bytes < 0) return invalid;
    this.fileLength = Buffer.byteLength(text);
    return { valid: true, bytes, open: [...open.values()], lines: lines.length, text };
  }

  /** Appends the changes made since the last append, in one write, once the current turn's changes are in. */
  private scheduleFlush(): void {
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const delta = this.unwritten;
      this.unwritten = 0;
      this.bytes += delta;
      if (delta !== 0) await this.append(`${signed(delta)}\n`);
      this.flushing = undefined;
      if (this.unwritten !== 0) this.scheduleFlush();
    });
  }

  private async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async append(line: string): Promise<void> {
    this.appending = true;
    try {
      const handle = await open(this.file, APPEND_ONLY);
      try {
        await handle.write(line);
        this.fileLength += Buffer.byteLength(line);
      } finally {
        await handle.close();
      }
    } catch {
      // Not recorded (the ledger was removed, or the disk is full): left open, so the next start rebuilds it.
      this.broken = true;
    } finally {
      this.appending = false;
    }
  }
}

/** link() refused by a file system without hard links (FAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const signed = (delta: number) => (delta >= 0 ? `+${delta}` : String(delta));

/** Whether a writer named in the ledger may still be writing: gone only when it is this host's and its pid is not there. */
function isAlive(writer: Writer): boolean {
  if (writer.host !== os.hostname()) return true;
  if (writer.pid === process.pid) return ownTokens.has(writer.token);
  try {
    process.kill(writer.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
