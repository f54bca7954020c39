import { stripControls } from '../text/sanitize.js';
import { hideCredentials } from '../text/url.js';

export type WarningListener = (message: string) => void;

/**
 * Where the session says what went wrong without stopping (a configuration set
 * aside, a cache that cannot be written, a saved copy that could not be kept).
 * The command line prints each on stderr; the reader shows it on its status
 * line. Messages said before anyone listens (while starting) are kept and
 * handed to the first listener. Messages carry paths and URLs: stripped of
 * control sequences and of the credentials of addresses here, whoever shows them.
 */
export class Warnings {
  private readonly listeners = new Set<WarningListener>();
  private pending: string[] = [];

  say(message: string): void {
    const clean = stripControls(hideCredentials(message));
    if (this.listeners.size === 0) this.pending.push(clean);
    for (const listener of this.listeners) listener(clean);
  }

  /** Listens from now on, after hearing what was said before anyone listened; returns the way to stop. */
  listen(listener: WarningListener): () => void {
    const earlier = this.pending;
    this.pending = [];
    for (const message of earlier) listener(message);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
