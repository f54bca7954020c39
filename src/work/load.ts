/**
 * The pool of parser processes, loaded on first need: node:child_process and the pool stay out
 * of a warm start (which reads kept readings and parses nothing), and closing a session that
 * parsed nothing loads nothing either.
 */
type Pool = typeof import('./pool.js');

/**
 * Feeds up to this many characters are read in kiosque's own process (some 20 ms of CPU at most);
 * larger ones in a parser process, so that the screen never stands still for the second a 10 MB
 * feed (the download cap) takes to read.
 */
export const IN_PROCESS_FEED = 1_000_000;

let loading: Promise<Pool> | undefined;

export function loadParsers(): Promise<Pool> {
  loading ??= import('./pool.js');
  return loading;
}

/** Stops idle parser processes, if any were ever started in this process. */
export async function closeParsersIfLoaded(): Promise<void> {
  if (loading) (await loading).closeParsers();
}
