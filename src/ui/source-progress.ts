import type { SourceLoaded } from '../app/reader-services.js';

// No React here: run.tsx makes one before Ink and React are loaded.

/** Sources as they come, heard by whoever listens, those that came before it listened first. */
export class SourceProgress {
  private readonly heard: SourceLoaded[] = [];
  private listener: ((loaded: SourceLoaded) => void) | undefined;
  readonly push = (loaded: SourceLoaded): void => {
    if (this.listener) this.listener(loaded);
    else this.heard.push(loaded);
  };
  listen(listener: (loaded: SourceLoaded) => void): () => void {
    for (const loaded of this.heard.splice(0)) listener(loaded);
    this.listener = listener;
    return () => {
      this.listener = undefined;
    };
  }
  /** What came before anyone listened, taken (for the first frame). */
  take(): SourceLoaded[] {
    return this.heard.splice(0);
  }
}
